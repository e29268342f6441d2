import 'server-only';
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { processSingleton } from '@/lib/node/process-singleton';
import { connectRedis } from '../upstream/redis-connection';

/**
 * Where the sign-in and API limits keep their counters: in Redis when REDIS_URL is set, so every
 * instance counts against one limit (N instances must not allow N times as much), else in this
 * process. Counting is rate-limiter-flexible's `consume`, atomic in either store. If Redis goes
 * away, each instance falls back to its own memory until it is back, as the upstream budget does.
 */
export interface LimitStore {
  redis: Redis | null;
  keyPrefix: string;
}

export function limiterIn(
  store: LimitStore,
  name: string,
  options: { points: number; duration: number },
): RateLimiterAbstract {
  const keyPrefix = `${store.keyPrefix}:${name}`;
  const memory = new RateLimiterMemory({ keyPrefix, ...options });
  if (!store.redis) return memory;
  return new RateLimiterRedis({
    storeClient: store.redis,
    keyPrefix,
    ...options,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}

/** Counts one point for `key`: 0 when it was within the limit, else the whole seconds to wait. */
export async function consumeOrWait(limiter: RateLimiterAbstract, key: string): Promise<number> {
  try {
    await limiter.consume(key);
    return 0;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw rejection;
  }
}

/**
 * A counter key for what a person typed: hashed, so a password typed into the username field does
 * not sit in Redis (or a heap dump) as text.
 */
export function counterKey(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 32);
}

/** This process's store, from REDIS_URL and REDIS_KEY_PREFIX; one Redis connection for all limits. */
export function limitStore(env: Readonly<Record<string, string | undefined>> = process.env): LimitStore {
  return processSingleton('auth-limit-store', () => {
    const url = env.REDIS_URL?.trim();
    return {
      redis: url ? connectRedis(url) : null,
      keyPrefix: `${env.REDIS_KEY_PREFIX?.trim() || 'cdn-refresh-monitor'}:auth`,
    };
  });
}
