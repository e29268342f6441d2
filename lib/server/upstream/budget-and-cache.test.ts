/**
 * The upstream layer against a real emulator over HTTP, through the real SDK: the shared budget
 * holds the documented 5 calls/s as the emulator counts them, callers are served fairly, identical
 * calls are made once, and the last good answer survives throttling.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { controlClient } from '@/emulator/control-client';
import { type RunningEmulator, startEmulator } from '@/emulator/server';
import { maxCallsInAnySecond, throttledCalls } from '@/lib/testing/upstream-test-support';
import { type DescribeRefreshTasksParams, describeRefreshTasks } from '../cdn';
import { currentRequestContext, runWithRequestContext } from '../request-context';
import { readUpstreamSettings } from './settings';
import { resetUpstreamRuntime } from './upstream-runtime';

let emulator: RunningEmulator;
let control: ReturnType<typeof controlClient>;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tasks: 400, seed: 11 });
  control = controlClient(emulator.url);
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

/** A window that ends now, as the planner would send it. */
function recentWindow(
  lengthMs: number,
  nowMs = Date.now(),
): Pick<DescribeRefreshTasksParams, 'startTime' | 'endTime'> {
  const end = Math.ceil(nowMs / 1000) * 1000;
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { startTime: iso(end - lengthMs), endTime: iso(end) };
}

const asCaller = <T>(callerKey: string, fn: () => Promise<T>) =>
  runWithRequestContext({ requestId: `test-${callerKey}`, callerKey }, fn);

describe('the shared budget', () => {
  it('keeps a burst of 20 calls within 5 per second as the emulator counts, and serves a second caller fairly', async () => {
    await resetUpstreamRuntime(readUpstreamSettings({}));
    const started = Date.now();
    const exportCalls = Array.from({ length: 20 }, (_, index) =>
      asCaller('export', () => describeRefreshTasks({ pageNumber: index + 1, pageSize: 5 })),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const tableDone = asCaller('table', () => describeRefreshTasks({ pageNumber: 1, pageSize: 20 })).then(
      () => Date.now() - started,
    );
    const exportDone = Promise.all(exportCalls).then(() => Date.now() - started);
    const [tableMs, exportMs] = await Promise.all([tableDone, exportDone]);

    const log = await control.requests();
    expect(log.filter((entry) => entry.action === 'DescribeRefreshTasks')).toHaveLength(21);
    expect(throttledCalls(log)).toEqual([]);
    expect(maxCallsInAnySecond(log, 'DescribeRefreshTasks')).toBeLessThanOrEqual(5);
    // The table's one call waits a turn or two, not behind the export's twenty.
    expect(tableMs).toBeLessThan(1_500);
    expect(exportMs).toBeGreaterThan(4_000);
  }, 30_000);

  it('refuses at once, with a retry hint, a call that would wait past the bound', async () => {
    await resetUpstreamRuntime(readUpstreamSettings({ CDN_QUEUE_MAX_WAIT_MS: '1000' }));
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, index) => describeRefreshTasks({ pageNumber: index + 1, pageSize: 5 })),
    );
    const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]).toMatchObject({ kind: 'throttled', code: 'Dashboard.QueueFull' });
    expect(refused[0].retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });
});

describe('the answer cache', () => {
  it('makes identical concurrent calls once, and reuses the answer for a relative window a second later', async () => {
    await resetUpstreamRuntime(readUpstreamSettings({}));
    const params = { ...recentWindow(3_600_000), pageNumber: 1, pageSize: 20, objectType: 'file' };
    const answers = await Promise.all(Array.from({ length: 10 }, () => describeRefreshTasks(params)));
    expect(new Set(answers.map((answer) => answer.requestId)).size).toBe(1);

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const later = await describeRefreshTasks({ ...params, ...recentWindow(3_600_000) });
    expect(later.requestId).toBe(answers[0]?.requestId);
    expect(
      (await control.requests()).filter((entry) => entry.action === 'DescribeRefreshTasks'),
    ).toHaveLength(1);
  });

  it('serves the last good answer, marked stale, when the upstream throttles', async () => {
    await resetUpstreamRuntime(readUpstreamSettings({ CDN_CACHE_TTL_MS: '0', CDN_RETRY_ATTEMPTS: '2' }));
    const params = { pageNumber: 2, pageSize: 7, objectType: 'directory' };
    const good = await describeRefreshTasks(params);
    await control.setFaults({ throttling: { force: true, shape: '429' } });
    const { answer, context } = await asCaller('stale', async () => ({
      answer: await describeRefreshTasks(params),
      context: currentRequestContext(),
    }));
    expect(answer).toEqual(good);
    expect(context?.servedStale).toBe(true);
    expect(context?.oldestAnswerAt).toBeLessThan(Date.now());
  }, 20_000);
});
