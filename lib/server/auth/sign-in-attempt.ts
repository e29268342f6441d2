import 'server-only';
import { USERNAME_PATTERN } from '@/lib/node/local-users';
import type { Role } from '@/lib/roles';
import { audit } from './audit';
import { type AccountCheckSettings, checkLocalAccount, knownAccountName } from './local-accounts';
import type { SignInLimiter } from './sign-in-limits';

/** bcrypt reads 72 bytes; anything far longer is not a password but an attempt to waste our time. */
const MAX_PASSWORD_LENGTH = 1024;

type SignInOutcome =
  | { ok: true; user: { username: string; role: Role; accounts?: string[]; entry: string } }
  | {
      ok: false;
      reason: 'bad_credentials' | 'unknown_user' | 'invalid_input' | 'users_file_unreadable' | 'rate_limited';
    };

/**
 * One username-and-password sign-in: counted against the limits first (atomically, so concurrent
 * guesses cannot all get through), then checked, then written to the audit trail. The trail names
 * the user only when the name is an account's: a name nobody has may be a password typed into the
 * wrong field, so it is logged as unknown, never as typed.
 */
export async function attemptSignIn(
  credentials: { username?: unknown; password?: unknown } | undefined,
  context: { settings: AccountCheckSettings; address: string; limiter: SignInLimiter },
): Promise<SignInOutcome> {
  const { settings, address, limiter } = context;
  const username = typeof credentials?.username === 'string' ? credentials.username.trim() : '';
  const password = typeof credentials?.password === 'string' ? credentials.password : '';
  const wellFormed =
    USERNAME_PATTERN.test(username) && password.length > 0 && password.length <= MAX_PASSWORD_LENGTH;
  const attempt = { username: wellFormed ? username : '(malformed)', address };
  const failed = (reason: Exclude<SignInOutcome, { ok: true }>['reason'], user: string | null) => {
    audit({ event: 'auth.signin_failed', provider: 'credentials', user, reason, address });
    return { ok: false, reason } as const;
  };

  if ((await limiter.reserve(attempt)) > 0) {
    return failed('rate_limited', wellFormed ? await knownAccountName(username, settings) : null);
  }
  if (!wellFormed) return failed('invalid_input', null);
  const check = await checkLocalAccount(username, password, settings);
  if (!check.ok) return failed(check.reason, check.reason === 'bad_credentials' ? username : null);
  await limiter.succeeded(attempt);
  return { ok: true, user: check.user };
}
