/**
 * One run per idempotency key: concurrent duplicates and later retries get the first run's result,
 * in one process and across two "instances" sharing a real Redis; the same key with another request
 * is refused; a run that failed may be tried again.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningRedis, startRedis } from '@/lib/testing/upstream-test-support';
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
