/**
 * The rate budget is the account's: every instance and every access key of one account draws from
 * one book in Redis, and another account's calls never wait in it (a real redis-server).
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningRedis, startRedis } from '@/testing/upstream-test-support';
import { connectRedis, whenRedisReady } from './redis-connection';
import { redisTurnBook } from './redis-turn-book';
import { readUpstreamSettings } from './settings';
import { memoryTurnBook } from './turn-spacing';
import { budgetKeyPrefix, resetUpstreamRuntime, upstreamRuntime } from './upstream-runtime';

let redis: RunningRedis;
const connections: Redis[] = [];

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  for (const connection of connections) connection.disconnect();
  await redis?.stop();
});

async function instanceBook(accountId: string) {
  const connection = connectRedis(redis.url);
  connections.push(connection);
  await whenRedisReady(connection, 1_000);
  return redisTurnBook(connection, budgetKeyPrefix('budget-test', accountId), memoryTurnBook(), () => {});
}

describe('the rate budget per account', () => {
  it('keys each account apart under the dashboard prefix', () => {
    expect(budgetKeyPrefix('cdnmon', 'prod')).toBe('cdnmon:account:prod');
    expect(budgetKeyPrefix('cdnmon', 'prod')).not.toBe(budgetKeyPrefix('cdnmon', 'staging'));
  });

  it('two instances of one account share its turns; another account has turns of its own', async () => {
    const [prodOne, prodTwo, staging] = await Promise.all([
      instanceBook('prod'),
      instanceBook('prod'),
      instanceBook('staging'),
    ]);
    const first = await prodOne.reserve('DescribeRefreshTasks', 10_000);
    const second = await prodTwo.reserve('DescribeRefreshTasks', 10_000);
    const other = await staging.reserve('DescribeRefreshTasks', 10_000);
    expect(first.waitMs).toBe(0);
    // The second instance of prod is booked a whole spacing after the first (Redis's own clock).
    expect(second.at - first.at).toBe(10_000);
    // Staging's first call owes prod nothing.
    expect(other.waitMs).toBe(0);
  });

  it('the process keeps one runtime (budget, queues, circuit) per account', async () => {
    await resetUpstreamRuntime(readUpstreamSettings({}));
    const prod = upstreamRuntime('prod');
    expect(upstreamRuntime('prod')).toBe(prod);
    const staging = upstreamRuntime('staging');
    expect(staging).not.toBe(prod);
    expect(staging.budget).not.toBe(prod.budget);
    expect(staging.circuit).not.toBe(prod.circuit);
    await resetUpstreamRuntime();
  });
});
