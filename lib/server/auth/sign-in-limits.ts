import 'server-only';
import { RateLimiterMemory } from 'rate-limiter-flexible';

/**
 * How many failed sign-ins are tolerated before further attempts are refused without even checking
 * the password: per username (against guessing one account's password, from anywhere) and per address
 * (against one machine trying many accounts). In memory: one dashboard instance is the deployment this
 * product describes; a restart forgets the counts.
 */
export const SIGN_IN_LIMITS = {
  perUser: { failures: 5, windowSeconds: 15 * 60 },
  perAddress: { failures: 20, windowSeconds: 15 * 60 },
} as const;

const byUser = new RateLimiterMemory({
  keyPrefix: 'signin-user',
  points: SIGN_IN_LIMITS.perUser.failures,
  duration: SIGN_IN_LIMITS.perUser.windowSeconds,
});
const byAddress = new RateLimiterMemory({
  keyPrefix: 'signin-address',
  points: SIGN_IN_LIMITS.perAddress.failures,
  duration: SIGN_IN_LIMITS.perAddress.windowSeconds,
});

export interface SignInAttempt {
  username: string;
  address: string;
}

const userKey = (attempt: SignInAttempt) => attempt.username.toLowerCase();

/** Seconds until another attempt may be made, or 0 when one may be made now. */
export async function signInBlockedFor(attempt: SignInAttempt): Promise<number> {
  const [user, address] = await Promise.all([byUser.get(userKey(attempt)), byAddress.get(attempt.address)]);
  const waits = [
    user && user.consumedPoints >= SIGN_IN_LIMITS.perUser.failures ? user.msBeforeNext : 0,
    address && address.consumedPoints >= SIGN_IN_LIMITS.perAddress.failures ? address.msBeforeNext : 0,
  ];
  return Math.ceil(Math.max(...waits) / 1000);
}

export async function recordFailedSignIn(attempt: SignInAttempt): Promise<void> {
  await Promise.all([byUser.penalty(userKey(attempt)), byAddress.penalty(attempt.address)]);
}

/** A success clears the user's count, so a few typos do not linger; the address's count stays. */
export async function recordSuccessfulSignIn(attempt: SignInAttempt): Promise<void> {
  await byUser.delete(userKey(attempt));
}
