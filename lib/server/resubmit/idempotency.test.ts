/**
 * One run per idempotency key: concurrent duplicates and later retries get the first run's result,
 * in one process and across two "instances" sharing a real Redis; the same key with another request
 * is refused; a run that failed may be tried again.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningRedis, startRedis } from '@/testing/upstream-test-support';
import { memoryOnceStore, type OnceStore, redisOnceStore } from './idempotency';

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

function counter() {
  let runs = 0;
  return {
    get runs() {
      return runs;
    },
    run: async () => {
      runs += 1;
      await tick();
      return { submission: runs };
    },
  };
}

async function behavesOnce(first: OnceStore, second: OnceStore): Promise<void> {
  const work = counter();
  const answers = await Promise.all([
    first.once('user:key-1', 'same', work.run),
    second.once('user:key-1', 'same', work.run),
    first.once('user:key-1', 'same', work.run),
  ]);
  expect(work.runs).toBe(1);
  expect(answers.map((answer) => answer.kind).sort()).toEqual(['ran', 'replayed', 'replayed']);
  for (const answer of answers) expect(answer).toMatchObject({ result: { submission: 1 } });
  expect(await second.once('user:key-1', 'same', work.run)).toEqual({
    kind: 'replayed',
    result: { submission: 1 },
  });
  expect(await second.once('user:key-1', 'another request', work.run)).toEqual({ kind: 'mismatch' });
  expect(work.runs).toBe(1);

  const failing = async () => {
    throw new Error('store down before anything was submitted');
  };
  await expect(first.once('user:key-2', 'same', failing)).rejects.toThrow('store down');
  expect(await second.once('user:key-2', 'same', work.run)).toEqual({
    kind: 'ran',
    result: { submission: 2 },
  });
}

describe('memoryOnceStore', () => {
  it('runs once per key', async () => {
    const store = memoryOnceStore();
    await behavesOnce(store, store);
  });

  it('remembers at most maxKeys keys, forgetting the least recently used first', async () => {
    const store = memoryOnceStore({ maxKeys: 3 });
    const run = async () => 'done';
    for (const key of ['a', 'b', 'c']) expect((await store.once(key, 'f', run)).kind).toBe('ran');
    // `a` used again: `b` is now the least recently used.
    expect((await store.once('a', 'f', run)).kind).toBe('replayed');
    expect((await store.once('d', 'f', run)).kind).toBe('ran');
    expect((await store.once('b', 'f', run)).kind).toBe('ran');
    expect((await store.once('a', 'f', run)).kind).toBe('replayed');
  });

  it('holds 20,000 different keys within the bound', async () => {
    const store = memoryOnceStore({ maxKeys: 1_000 });
    const run = async () => 'done';
    for (let i = 0; i < 20_000; i += 1) await store.once(`k${i}`, 'f', run);
    // Only the last 1,000 are still known.
    expect((await store.once('k19999', 'f', run)).kind).toBe('replayed');
    expect((await store.once('k19000', 'f', run)).kind).toBe('replayed');
    expect((await store.once('k18999', 'f', run)).kind).toBe('ran');
  });

  it('forgets a key after a day', async () => {
    let now = 1_000_000;
    const store = memoryOnceStore({ now: () => now });
    const run = async () => 'done';
    expect((await store.once('a', 'f', run)).kind).toBe('ran');
    now += 24 * 60 * 60 * 1000 - 1;
    expect((await store.once('a', 'f', run)).kind).toBe('replayed');
    now += 2;
    expect((await store.once('a', 'f', run)).kind).toBe('ran');
  });
});

describe('redisOnceStore', () => {
  let redis: RunningRedis;
  const clients: Redis[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await redis?.stop();
  });

  it('runs once per key across two instances', async () => {
    const connect = () => {
      const client = new Redis(redis.url);
      clients.push(client);
      return client;
    };
    await behavesOnce(redisOnceStore(connect(), 'test'), redisOnceStore(connect(), 'test'));
  });
});
