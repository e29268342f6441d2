/**
 * The turn book shared through a real redis-server (started for this file): two "instances", each
 * with its own connection and its own in-memory fallback, reserve turns of one key.
 */
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type RunningRedis, startRedis } from '@/testing/upstream-test-support';
import { connectRedis, whenRedisReady } from './redis-connection';
import { redisTurnBook } from './redis-turn-book';
import { memoryTurnBook, type Turn, type TurnBook } from './turn-spacing';

let redis: RunningRedis;
const connections: Redis[] = [];
let prefix = 0;

beforeAll(async () => {
  redis = await startRedis();
});

afterEach(() => {
  for (const connection of connections.splice(0)) connection.disconnect();
});

afterAll(async () => {
  await redis?.stop();
});

/** One instance's book: its own connection, its own fallback on a frozen clock, the shared prefix. */
async function instance(url = redis.url): Promise<{ book: TurnBook; errors: unknown[]; connection: Redis }> {
  const connection = connectRedis(url);
  connections.push(connection);
  await whenRedisReady(connection, 1_000);
  const errors: unknown[] = [];
  const book = redisTurnBook(
    connection,
    `test-${prefix}`,
    memoryTurnBook(() => 0),
    (error) => errors.push(error),
  );
  return { book, errors, connection };
}

const burst = (book: TurnBook, calls: number) =>
  Promise.all(Array.from({ length: calls }, () => book.reserve('DescribeRefreshTasks', 220)));

describe('the turn book in Redis', () => {
  it('spaces the turns of two instances as one: 220 ms apart on the Redis clock, none shared', async () => {
    prefix += 1;
    const [first, second] = await Promise.all([instance(), instance()]);
    const turns: Turn[][] = await Promise.all([burst(first.book, 10), burst(second.book, 10)]);
    const times = turns.flat().map((turn) => turn.at);
    const sorted = [...times].sort((a, b) => a - b);
    const start = sorted[0] ?? 0;
    expect(sorted).toEqual(sorted.map((_, index) => start + index * 220));
    expect(first.errors).toEqual([]);
    expect(second.errors).toEqual([]);
    // Each wait is relative, so an instance's own clock never enters into it.
    for (const turn of turns.flat()) {
      expect(turn.waitMs).toBeGreaterThanOrEqual(0);
      expect(turn.waitMs).toBeLessThanOrEqual(turn.at - start);
    }
  });

  it('holds the other instance back for a cooldown one of them was asked for', async () => {
    prefix += 1;
    const [first, second] = await Promise.all([instance(), instance()]);
    const cooldown = await first.book.reserve('DescribeRefreshTasks', 0, 1_500);
    const next = await second.book.reserve('DescribeRefreshTasks', 220);
    const after = await second.book.reserve('DescribeRefreshTasks', 220);
    expect(next.at).toBe(cooldown.at);
    expect(next.waitMs).toBeGreaterThan(1_000);
    expect(after.at).toBe(cooldown.at + 220);
  });

  it('keeps each action on its own turns', async () => {
    prefix += 1;
    const { book } = await instance();
    await burst(book, 5);
    const byId = await book.reserve('DescribeRefreshTaskById', 37);
    expect(byId.waitMs).toBe(0);
  });

  it('reserves in memory while Redis cannot be reached', async () => {
    prefix += 1;
    const { book, errors } = await instance(`redis://127.0.0.1:${await freePort()}`);
    const waits = (await burst(book, 3)).map((turn) => turn.waitMs);
    expect(waits).toEqual([0, 220, 440]);
    // The connection reports its outage itself; the book does not add a line per call.
    expect(errors).toEqual([]);
  });

  it('falls back to memory when Redis refuses the reservation, and says so', async () => {
    prefix += 1;
    const { book, errors, connection } = await instance();
    await connection.set(`test-${prefix}:next-turn:DescribeRefreshTasks`, 'not a number');
    const waits = (await burst(book, 2)).map((turn) => turn.waitMs);
    expect(waits).toEqual([0, 220]);
    expect(errors).toHaveLength(2);
  });

  it('does not start its own calls over when Redis goes away mid-burst', async () => {
    prefix += 1;
    const { book, connection } = await instance();
    const granted = await book.reserve('DescribeRefreshTasks', 220);
    connection.disconnect();
    const fallback = await book.reserve('DescribeRefreshTasks', 220);
    expect(granted.waitMs).toBe(0);
    expect(fallback.waitMs).toBe(220);
  });
});
