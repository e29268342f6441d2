import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis } from '@/lib/server/upstream/redis-connection';
import { type RunningRedis, startRedis } from '@/testing/upstream-test-support';
import { apiRequestWait, createApiRateLimiter } from './api-rate-limit';

describe('apiRequestWait', () => {
  it('lets a user spend the budget, then says how long to wait; other users are unaffected', async () => {
    for (let i = 0; i < 3; i++) expect(await apiRequestWait('local:a', 3)).toBe(0);
    const wait = await apiRequestWait('local:a', 3);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await apiRequestWait('local:b', 3)).toBe(0);
  });
});

describe('the /api budget shared through Redis', () => {
  let redis: RunningRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('is one budget per user across instances, also for concurrent requests', async () => {
    const connections = [connectRedis(redis.url), connectRedis(redis.url)];
    try {
      await Promise.all(
        connections.map((connection) => new Promise((resolve) => connection.once('ready', resolve))),
      );
      const keyPrefix = `api-${Date.now()}`;
      const instances = connections.map((connection) =>
        createApiRateLimiter({ redis: connection, keyPrefix }, 10),
      );
      const waits = await Promise.all(
        Array.from({ length: 30 }, (_, i) => instances[i % instances.length]?.wait('local:shared') ?? 0),
      );
      expect(waits.filter((wait) => wait === 0)).toHaveLength(10);
      expect(await instances[0]?.wait('local:other')).toBe(0);
    } finally {
      await Promise.all(connections.map((connection) => connection.quit()));
    }
  });
});
