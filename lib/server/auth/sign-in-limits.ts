import 'server-only';
import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { processSingleton } from '@/lib/node/process-singleton';
import { counterKey, type LimitStore, limiterIn, limitStore } from './limit-store';

/**
 * How many failed sign-ins are tolerated before further attempts are refused without even checking
 * the password: per username (against guessing one account's password, from anywhere) and per address
 * (against one machine trying many accounts).
 *
 * Every attempt is counted before its password is checked, in one atomic step per counter, and given
 * back if it succeeds: so concurrent guesses cannot all slip past a check made before any of them was
 * counted. The counters live in Redis when REDIS_URL is set (see limit-store.ts), so the limits hold
 * across instances.
 */
export const SIGN_IN_LIMITS = {
  perUser: { failures: 5, windowSeconds: 15 * 60 },
  perAddress: { failures: 20, windowSeconds: 15 * 60 },
} as const;

interface SignInAttempt {
  username: string;
  address: string;
}

export interface SignInLimiter {
  /**
   * Counts the attempt against its username and address. 0: it may go ahead (call `succeeded` if it
   * does); otherwise the seconds to wait, and the attempt counted against neither.
   */
  reserve(attempt: SignInAttempt): Promise<number>;
  /** The attempt signed in: it was no failure, and the user's earlier typos are forgotten. */
  succeeded(attempt: SignInAttempt): Promise<void>;
}

export function createSignInLimiter(store: LimitStore): SignInLimiter {
  const byUser = limiterIn(store, 'signin-user', {
    points: SIGN_IN_LIMITS.perUser.failures,
    duration: SIGN_IN_LIMITS.perUser.windowSeconds,
  });
  const byAddress = limiterIn(store, 'signin-address', {
    points: SIGN_IN_LIMITS.perAddress.failures,
    duration: SIGN_IN_LIMITS.perAddress.windowSeconds,
  });
  const userKey = (attempt: SignInAttempt) => counterKey(attempt.username.toLowerCase());

  return {
    async reserve(attempt) {
      const [user, address] = await Promise.all([
        consume(byUser, userKey(attempt)),
        consume(byAddress, attempt.address),
      ]);
      if (user.ok && address.ok) return 0;
      // A refused attempt is no failure: give back what both counters took (a refusal counts too).
      await Promise.all([byUser.reward(userKey(attempt)), byAddress.reward(attempt.address)]);
      return Math.max(1, Math.ceil(Math.max(user.waitMs, address.waitMs) / 1000));
    },
    async succeeded(attempt) {
      await Promise.all([byUser.delete(userKey(attempt)), byAddress.reward(attempt.address)]);
    },
  };
}

async function consume(limiter: RateLimiterAbstract, key: string): Promise<{ ok: boolean; waitMs: number }> {
  try {
    await limiter.consume(key);
    return { ok: true, waitMs: 0 };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { ok: false, waitMs: rejection.msBeforeNext };
    throw rejection;
  }
}

/** This process's limiter, on the shared store. */
export function signInLimiter(): SignInLimiter {
  return processSingleton('sign-in-limiter', () => createSignInLimiter(limitStore()));
}
