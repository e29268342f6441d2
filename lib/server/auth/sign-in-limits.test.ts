import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis } from '@/lib/server/upstream/redis-connection';
import { type RunningRedis, startRedis } from '@/testing/upstream-test-support';
import { createSignInLimiter, SIGN_IN_LIMITS, type SignInLimiter } from './sign-in-limits';

const inMemory = () => createSignInLimiter({ redis: null, keyPrefix: 'test' });

/** A failed attempt: counted, and never given back. */
async function fail(limiter: SignInLimiter, username: string, address: string): Promise<number> {
  return limiter.reserve({ username, address });
}

describe('sign-in limits', () => {
  it('blocks a username after its failures, from any address, until the window passes', async () => {
    const limiter = inMemory();
    for (let i = 0; i < SIGN_IN_LIMITS.perUser.failures; i++) {
      expect(await fail(limiter, 'Target', `192.0.2.${i}`)).toBe(0);
    }
    const wait = await limiter.reserve({ username: 'target', address: '198.51.100.1' });
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(SIGN_IN_LIMITS.perUser.windowSeconds);
  });

  it('blocks an address after its failures, whatever names it tries', async () => {
    const limiter = inMemory();
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress.failures; i++) {
      expect(await fail(limiter, `name-${i}`, '203.0.113.50')).toBe(0);
    }
    expect(await limiter.reserve({ username: 'fresh-name', address: '203.0.113.50' })).toBeGreaterThan(0);
    expect(await limiter.reserve({ username: 'fresh-name', address: '203.0.113.51' })).toBe(0);
  });

  it('forgets a user’s few typos after a success, and a success is no failure of the address', async () => {
    const limiter = inMemory();
    for (let i = 0; i < SIGN_IN_LIMITS.perUser.failures - 1; i++) {
      await fail(limiter, 'typist', '192.0.2.200');
    }
    expect(await limiter.reserve({ username: 'typist', address: '192.0.2.200' })).toBe(0);
    await limiter.succeeded({ username: 'typist', address: '192.0.2.200' });
    await fail(limiter, 'typist', '192.0.2.201');
    expect(await limiter.reserve({ username: 'typist', address: '192.0.2.202' })).toBe(0);

    // Many people signing in from one office address never lock it out.
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress.failures * 2; i++) {
      expect(await limiter.reserve({ username: `colleague-${i}`, address: '192.0.2.250' })).toBe(0);
      await limiter.succeeded({ username: `colleague-${i}`, address: '192.0.2.250' });
    }
  });

  it('counts concurrent attempts one by one: of 30 at once, exactly the allowed 5 go ahead', async () => {
    const limiter = inMemory();
    const waits = await Promise.all(
      Array.from({ length: 30 }, (_, i) => limiter.reserve({ username: 'raced', address: `192.0.2.${i}` })),
    );
    expect(waits.filter((wait) => wait === 0)).toHaveLength(SIGN_IN_LIMITS.perUser.failures);
  });

  it('a refused attempt does not count against the other limit', async () => {
    const limiter = inMemory();
    for (let i = 0; i < SIGN_IN_LIMITS.perUser.failures; i++) await fail(limiter, 'locked', '192.0.2.10');
    // The account is locked; hammering it from one address must not lock that address too.
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress.failures * 2; i++) {
      expect(await limiter.reserve({ username: 'locked', address: '192.0.2.11' })).toBeGreaterThan(0);
    }
    expect(await limiter.reserve({ username: 'someone-else', address: '192.0.2.11' })).toBe(0);
  });
});

describe('sign-in limits shared through Redis', () => {
  let redis: RunningRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('two instances together allow the limit once, not twice', async () => {
    // Two "instances": each its own connection and limiter, sharing only Redis and the key prefix.
    const connections = [connectRedis(redis.url), connectRedis(redis.url)];
    try {
      await Promise.all(
        connections.map((connection) => new Promise((resolve) => connection.once('ready', resolve))),
      );
      const keyPrefix = `shared-${Date.now()}`;
      const [first, second] = connections.map((connection) =>
        createSignInLimiter({ redis: connection, keyPrefix }),
      ) as [SignInLimiter, SignInLimiter];

      const waits: number[] = [];
      for (let i = 0; i < SIGN_IN_LIMITS.perUser.failures * 2; i++) {
        const instance = i % 2 === 0 ? first : second;
        waits.push(await instance.reserve({ username: 'shared-target', address: `198.51.100.${i}` }));
      }
      expect(waits.filter((wait) => wait === 0)).toHaveLength(SIGN_IN_LIMITS.perUser.failures);

      // Concurrent attempts spread over both instances: still exactly the limit.
      const raced = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          (i % 2 === 0 ? first : second).reserve({ username: `racer-${i}`, address: '198.51.100.200' }),
        ),
      );
      expect(raced.filter((wait) => wait === 0)).toHaveLength(SIGN_IN_LIMITS.perAddress.failures);
    } finally {
      await Promise.all(connections.map((connection) => connection.quit()));
    }
  });
});
