/**
 * The upstream layer against a real emulator over HTTP, through the real SDK: the budget holds the
 * documented 5 calls/s as the emulator counts them while using most of it, and the sync's purposes
 * are served fairly (a head poll does not wait behind the backfill's queue).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { controlClient } from '@/emulator/control-client';
import { type RunningEmulator, startEmulator } from '@/emulator/server';
import {
  callsPerSecond,
  maxCallsInAnySecond,
  throttledCalls,
  warmEmulator,
} from '@/testing/upstream-test-support';
import { DEFAULT_ACCOUNT_ID } from '../accounts/accounts';
import { runWithRequestContext } from '../request-context';
import { describeRefreshTasks } from './cdn';
import { readUpstreamSettings } from './settings';
import { resetUpstreamRuntime } from './upstream-runtime';

let emulator: RunningEmulator;
let control: ReturnType<typeof controlClient>;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tasks: 400, seed: 11 });
  control = controlClient(emulator.url);
  await warmEmulator(emulator.url);
  process.env.CDN_ENDPOINT = emulator.url;
  process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = '';
});

afterAll(async () => {
  await resetUpstreamRuntime();
  await emulator.close();
});

beforeEach(async () => {
  await control.clearFaults();
  await control.clearRequests();
});

const asCaller = <T>(callerKey: string, fn: () => Promise<T>) =>
  runWithRequestContext({ requestId: `test-${callerKey}`, callerKey }, fn);

describe('the shared budget', () => {
  it('keeps a burst of 20 backfill pages within 5 per second as the emulator counts, at over 4 per second, and lets a head poll through', async () => {
    await resetUpstreamRuntime(readUpstreamSettings({}));
    const started = Date.now();
    const backfill = Array.from({ length: 20 }, (_, index) =>
      asCaller('sync:backfill', () =>
        describeRefreshTasks(DEFAULT_ACCOUNT_ID, { pageNumber: index + 1, pageSize: 5 }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const headDone = asCaller('sync:head', () =>
      describeRefreshTasks(DEFAULT_ACCOUNT_ID, { pageNumber: 1, pageSize: 20 }),
    ).then(() => Date.now() - started);
    const backfillDone = Promise.all(backfill).then(() => Date.now() - started);
    const [headMs, backfillMs] = await Promise.all([headDone, backfillDone]);

    const log = await control.requests();
    const calls = log.filter((entry) => entry.action === 'DescribeRefreshTasks');
    expect(calls).toHaveLength(21);
    expect(throttledCalls(log)).toEqual([]);
    expect(maxCallsInAnySecond(log, 'DescribeRefreshTasks')).toBeLessThanOrEqual(5);
    // The budget is used, not only kept: turns 220 ms apart are 4.5 calls/s.
    expect(callsPerSecond(calls)).toBeGreaterThanOrEqual(4);
    // The head poll waits a turn or two, not behind the backfill's twenty.
    expect(headMs).toBeLessThan(1_500);
    expect(backfillMs).toBeGreaterThan(4_000);
  }, 30_000);

  it('refuses at once, with a retry hint, a call that would wait past the bound', async () => {
    await resetUpstreamRuntime(readUpstreamSettings({ CDN_QUEUE_MAX_WAIT_MS: '1000' }));
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, index) =>
        describeRefreshTasks(DEFAULT_ACCOUNT_ID, { pageNumber: index + 1, pageSize: 5 }),
      ),
    );
    const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]).toMatchObject({ kind: 'throttled', code: 'Dashboard.QueueFull' });
    expect(refused[0].retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });
});
