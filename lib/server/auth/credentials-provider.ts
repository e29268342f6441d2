import 'server-only';
import CredentialsProvider from 'next-auth/providers/credentials';
import { LOCAL_SUBJECT_PREFIX } from './session-check';
import type { AuthSettings } from './settings';
import { attemptSignIn } from './sign-in-attempt';
import { signInLimiter } from './sign-in-limits';

/** Error code the sign-in page turns into "too many attempts". */
const TOO_MANY_ATTEMPTS = 'TooManyAttempts';

/**
 * Local accounts (AUTH_USERS_FILE, and demo/demo in demo mode) as next-auth's credentials provider,
 * id `credentials`, fields `username` and `password`, with the sign-in limits and the audit trail
 * (sign-in-attempt.ts).
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
      const outcome = await attemptSignIn(credentials, { settings, address, limiter: signInLimiter() });
      if (outcome.ok) {
        const { username, role, accounts, entry } = outcome.user;
        return {
          id: `${LOCAL_SUBJECT_PREFIX}${username}`,
          name: username,
          role,
          entry,
          ...(accounts ? { accounts } : {}),
        };
      }
      if (outcome.reason === 'rate_limited') throw new Error(TOO_MANY_ATTEMPTS);
      return null;
    },
  });
}
