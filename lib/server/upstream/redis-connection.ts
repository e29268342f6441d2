import 'server-only';
import { Redis } from 'ioredis';
import { rootLogger } from '../logger';

/**
 * The one Redis connection of this process (REDIS_URL), which the rate budget's turn book shares
 * with every other instance. Commands fail fast while it is down instead of queueing: the book
 * falls back to memory, and a call must not wait on a reconnect.
 */
export function connectRedis(url: string): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2_000,
    // Reconnect for ever, backing off to 2 s: Redis restarts should heal on their own.
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  let reported = false;
  redis.on('error', (error: Error) => {
    // ioredis emits an error per failed reconnect; one line per outage is enough.
    if (reported) return;
    reported = true;
    rootLogger().warn({ err: error.message }, 'redis unavailable; falling back to this instance alone');
  });
  redis.on('ready', () => {
    if (reported) rootLogger().info('redis connection restored');
    reported = false;
  });
  return redis;
}

/**
 * Resolves once the connection is ready, or after `timeoutMs` whatever its state. Until then every
 * command would fail (no offline queue) and each instance would fall back to pacing alone: at
 * start-up, several instances would then spend the budget several times over.
 */
export function whenRedisReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    redis.once('ready', done);
  });
}
