import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningRedis, startRedis } from '@/testing/upstream-test-support';
import { openStore, type Store } from '../store/database';
import { redisRevocations, storeRevocations } from './session-revocations';

describe('session revocations', () => {
  let first: Store;
  let redisServer: RunningRedis;
  beforeAll(async () => {
    first = await openStore({ databaseUrl: null, dataDir: 'memory://', historyDays: 30 });
    redisServer = await startRedis();
  }, 60_000);
  afterAll(async () => {
    await first.close();
    await redisServer.stop();
  });

  it('refuses a revoked session id in the store, and only that one', async () => {
    const list = storeRevocations(async () => first);
    await list.revoke('session-a', Date.now() + 60_000);
    expect(await list.isRevoked('session-a')).toBe(true);
    expect(await list.isRevoked('session-b')).toBe(false);
    // Revoking twice (two sign-outs racing) is no error.
    await list.revoke('session-a', Date.now() + 60_000);
  });

  it('refuses a session signed out after it was last checked (a checked standing is never kept past a write)', async () => {
    const list = storeRevocations(async () => first);
    expect(await list.isRevoked('session-c')).toBe(false);
    expect(await list.isRevoked('session-c')).toBe(false);
    await list.revoke('session-c', Date.now() + 60_000);
    expect(await list.isRevoked('session-c')).toBe(true);
  });

  it('with a list longer than is read at once, still asks about each session', async () => {
    const many = await openStore({ databaseUrl: null, dataDir: 'memory://', historyDays: 30 });
    try {
      const until = new Date(Date.now() + 60_000);
      await many.db
        .insertInto('revoked_sessions')
        .values(Array.from({ length: 1_001 }, (_, i) => ({ session_id: `bulk-${i}`, expires_at: until })))
        .execute();
      const list = storeRevocations(async () => many);
      expect(await list.isRevoked('bulk-1000')).toBe(true);
      expect(await list.isRevoked('bulk-0')).toBe(true);
      expect(await list.isRevoked('not-listed')).toBe(false);
    } finally {
      await many.close();
    }
  }, 60_000);

  it('forgets entries of sessions that have ended anyway', async () => {
    let now = 1_000_000;
    const list = storeRevocations(
      async () => first,
      () => now,
    );
    await list.revoke('ended-soon', now + 1_000);
    now += 2_000;
    await list.revoke('another', now + 1_000);
    expect(await list.isRevoked('ended-soon')).toBe(false);
    expect(await list.isRevoked('another')).toBe(true);
  });

  it('with Redis, every instance sees a revocation, even one whose own store never heard of it', async () => {
    const otherStore = await openStore({ databaseUrl: null, dataDir: 'memory://', historyDays: 30 });
    const a = new Redis(redisServer.url);
    const b = new Redis(redisServer.url);
    try {
      const instanceA = redisRevocations(
        a,
        'test',
        storeRevocations(async () => first),
      );
      const instanceB = redisRevocations(
        b,
        'test',
        storeRevocations(async () => otherStore),
      );
      await instanceA.revoke('shared-session', Date.now() + 60_000);
      expect(await instanceB.isRevoked('shared-session')).toBe(true);
      expect(await instanceB.isRevoked('never-revoked')).toBe(false);
      expect(await a.pttl('test:revoked-session:shared-session')).toBeGreaterThan(0);
    } finally {
      a.disconnect();
      b.disconnect();
      await otherStore.close();
    }
  });

  it('with the store away at sign-out, Redis still keeps the revocation', async () => {
    const client = new Redis(redisServer.url);
    const storeAway = {
      revoke: () => Promise.reject(new Error('store unreachable')),
      isRevoked: () => Promise.resolve(false),
    };
    try {
      const list = redisRevocations(client, 'test-away', storeAway);
      await list.revoke('revoked-while-store-away', Date.now() + 60_000);
      expect(await list.isRevoked('revoked-while-store-away')).toBe(true);
    } finally {
      client.disconnect();
    }
  });

  it('with Redis gone, the store still answers', async () => {
    const gone = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    gone.on('error', () => undefined);
    const list = redisRevocations(
      gone,
      'test',
      storeRevocations(async () => first),
    );
    await list.revoke('revoked-without-redis', Date.now() + 60_000);
    expect(await list.isRevoked('revoked-without-redis')).toBe(true);
    gone.disconnect();
  });
});
