import 'server-only';
import CredentialsProvider from 'next-auth/providers/credentials';
import { USERNAME_PATTERN } from '@/lib/local-users';
import { audit } from './audit';
import { checkLocalAccount } from './local-accounts';
import type { AuthSettings } from './settings';
import { recordFailedSignIn, recordSuccessfulSignIn, signInBlockedFor } from './sign-in-limits';

/** Error code the sign-in page turns into "too many attempts". */
export const TOO_MANY_ATTEMPTS = 'TooManyAttempts';
/** bcrypt reads 72 bytes; anything far longer is not a password but an attempt to waste our time. */
const MAX_PASSWORD_LENGTH = 1024;

/**
 * Local accounts (AUTH_USERS_FILE, and demo/demo in demo mode) as next-auth's credentials provider,
 * id `credentials`, fields `username` and `password`, with the sign-in limits and the audit trail.
 */
export function credentialsProvider(settings: AuthSettings, address: string) {
  return CredentialsProvider({
    id: 'credentials',
    name: 'Username and password',
    credentials: {
      username: { label: 'Username', type: 'text' },
      password: { label: 'Password', type: 'password' },
    },
    async authorize(credentials) {
      const username = typeof credentials?.username === 'string' ? credentials.username.trim() : '';
      const password = typeof credentials?.password === 'string' ? credentials.password : '';
      const wellFormed =
        USERNAME_PATTERN.test(username) && password.length > 0 && password.length <= MAX_PASSWORD_LENGTH;
      const attempt = { username: wellFormed ? username : '(malformed)', address };
      const failed = (
        reason: 'bad_credentials' | 'invalid_input' | 'users_file_unreadable' | 'rate_limited',
      ) =>
        audit({
          event: 'auth.signin_failed',
          provider: 'credentials',
          user: wellFormed ? username : null,
          reason,
          address,
        });

      const waitSeconds = await signInBlockedFor(attempt);
      if (waitSeconds > 0) {
        failed('rate_limited');
        throw new Error(TOO_MANY_ATTEMPTS);
      }
      if (!wellFormed) {
        await recordFailedSignIn(attempt);
        failed('invalid_input');
        return null;
      }
      const check = await checkLocalAccount(username, password, settings);
      if (!check.ok) {
        await recordFailedSignIn(attempt);
        failed(check.reason);
        return null;
      }
      await recordSuccessfulSignIn(attempt);
      return { id: `local:${check.user.username}`, name: check.user.username, role: check.user.role };
    },
  });
}
