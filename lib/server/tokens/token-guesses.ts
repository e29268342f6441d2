/**
 * How many wrong API tokens one client address may present before its token requests are refused
 * (429) without the token even being looked at: against guessing secrets, as sign-in limits guessing
 * passwords (docs/tokens.md). The address is the request boundary's (TRUSTED_PROXIES decides whether
 * X-Forwarded-For counts), the counters the sign-in limits' (in Redis with REDIS_URL, so the limit
 * holds across instances).
 *
 * Every token request is counted before its token is looked at, in one atomic step, and given back
 * once the secret turns out to be a real token's (active, revoked or expired alike: whoever holds it
 * is no guesser, and a pipeline still sending a revoked token must not lock out the other pipelines
 * on its machine). So concurrent guesses cannot all slip past a check made before any was counted.
 */
import 'server-only';
import { processSingleton } from '@/lib/node/process-singleton';
import { consumeOrWait, type LimitStore, limiterIn, limitStore } from '../auth/limit-store';

export const TOKEN_GUESS_LIMIT = { failures: 20, windowSeconds: 15 * 60 } as const;

export interface TokenGuessLimiter {
  /** Counts a token request from `address`: 0 when it may be looked at, else the seconds to wait. */
  reserve(address: string): Promise<number>;
  /** The secret was a real token's: the request was no guess. */
  genuine(address: string): Promise<void>;
}

export function createTokenGuessLimiter(store: LimitStore): TokenGuessLimiter {
  const byAddress = limiterIn(store, 'token-guess-address', {
    points: TOKEN_GUESS_LIMIT.failures,
    duration: TOKEN_GUESS_LIMIT.windowSeconds,
  });
  return {
    async reserve(address) {
      const wait = await consumeOrWait(byAddress, address);
      // A refused request is no guess (its token was never looked at): given back.
      if (wait > 0) await byAddress.reward(address);
      return wait;
    },
    async genuine(address) {
      await byAddress.reward(address);
    },
  };
}

/** This process's limiter, on the shared store. */
export function tokenGuessLimiter(): TokenGuessLimiter {
  return processSingleton('token-guess-limiter', () => createTokenGuessLimiter(limitStore()));
}
