/**
 * The fault matrix at the layer's edge: for each way the emulator can misbehave, the call ends in
 * the error the API maps to the documented status (502/503 with Retry-After/504) with the upstream's
 * code, within a bounded time, and the next call after the fault stops succeeds.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { controlClient, type FaultInput } from '@/emulator/control-client';
import { type RunningEmulator, startEmulator } from '@/emulator/server';
import { freePort } from '@/testing/upstream-test-support';
import { DEFAULT_ACCOUNT_ID } from '../accounts/accounts';
import { errorAnswer } from '../http';
import { metrics } from '../metrics';
import { describeRefreshTasks } from './cdn';
import { readUpstreamSettings } from './settings';
import { resetUpstreamRuntime } from './upstream-runtime';

let emulator: RunningEmulator;
let port: number;
let control: ReturnType<typeof controlClient>;
let page = 0;

/** Quick settings: a faster budget (the emulator is told the same), short timeout and breaker pause. */
const FAST = {
  CDN_RATE_LIMIT_DESCRIBE_TASKS: '20',
  CDN_CALL_TIMEOUT_MS: '800',
  CDN_BREAKER_HALF_OPEN_MS: '1000',
};

beforeAll(async () => {
  port = await freePort();
  emulator = await startEmulator({ port, tasks: 300, seed: 5, rateLimits: { DescribeRefreshTasks: 20 } });
  control = controlClient(emulator.url);
  process.env.CDN_ENDPOINT = emulator.url;
  process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = '';
});

afterAll(async () => {
  await resetUpstreamRuntime();
  await emulator.close();
});

beforeEach(async () => {
  await resetUpstreamRuntime(readUpstreamSettings(FAST));
  await control.clearFaults();
});

/** A call nobody made before: each call its own page, as the sync makes them. */
const freshCall = () => describeRefreshTasks(DEFAULT_ACCOUNT_ID, { pageNumber: ++page, pageSize: 1 });

async function failure(): Promise<ReturnType<typeof errorAnswer> & { ms: number }> {
  const started = Date.now();
  try {
    await freshCall();
  } catch (error) {
    return { ...errorAnswer(error), ms: Date.now() - started };
  }
  throw new Error('the call succeeded under the fault');
}

const cases: Array<{ name: string; fault: FaultInput; status: number; code: string }> = [
  {
    name: 'InternalError on every call',
    fault: { errors: [{ code: 'InternalError', rate: 1 }] },
    status: 502,
    code: 'InternalError',
  },
  {
    name: 'ServiceUnavailable on every call',
    fault: { errors: [{ code: 'ServiceUnavailable', rate: 1 }] },
    status: 503,
    code: 'ServiceUnavailable',
  },
  {
    name: 'throttling as 400 Throttling.User',
    fault: { throttling: { force: true, shape: '400' } },
    status: 503,
    code: 'Throttling.User',
  },
  {
    name: 'throttling as 429 TooManyRequests',
    fault: { throttling: { force: true, shape: '429' } },
    status: 503,
    code: 'TooManyRequests',
  },
  {
    name: 'throttling as 503 Throttling',
    fault: { throttling: { force: true, shape: '503' } },
    status: 503,
    code: 'Throttling',
  },
  {
    name: 'latency past the call timeout',
    fault: { latency: { fixedMs: 1_500 } },
    status: 504,
    code: 'Timeout',
  },
  { name: 'malformed JSON', fault: { malformedJson: {} }, status: 502, code: 'MalformedResponse' },
  { name: 'connection resets', fault: { connectionReset: {} }, status: 503, code: 'ECONNRESET' },
];

describe('each upstream fault maps to its status, and the layer recovers', () => {
  for (const { name, fault, status, code } of cases) {
    it(name, async () => {
      await control.setFaults(fault);
      const answer = await failure();
      expect(answer.status).toBe(status);
      expect(answer.error.upstream?.code).toBe(code);
      if (status === 503) expect(Number(answer.headers['Retry-After'])).toBeGreaterThanOrEqual(1);
      // Three attempts at most, and no retry starts after the retry window.
      expect(answer.ms).toBeLessThan(9_000);

      await control.clearFaults();
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      await expect(freshCall()).resolves.toMatchObject({ pageSize: 1 });
    }, 20_000);
  }

  it('retries away 20 % InternalError', async () => {
    await control.setFaults({ errors: [{ code: 'InternalError', rate: 0.2 }] });
    const retriesBefore = (await metrics().retries.get()).values.reduce((sum, value) => sum + value.value, 0);
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => freshCall()));
    const retriesAfter = (await metrics().retries.get()).values.reduce((sum, value) => sum + value.value, 0);
    expect(results.filter((result) => result.status === 'fulfilled').length).toBeGreaterThanOrEqual(11);
    expect(retriesAfter).toBeGreaterThan(retriesBefore);
    const retried = (await metrics().retries.get()).values.filter((value) => value.value > 0);
    expect(retried.every((value) => value.labels.account === DEFAULT_ACCOUNT_ID)).toBe(true);
  });

  it('does not retry a refused call (4xx validation error)', async () => {
    await control.clearRequests();
    const refused = await describeRefreshTasks(DEFAULT_ACCOUNT_ID, {
      pageNumber: 1,
      pageSize: 20,
      status: 'Failed',
    }).catch((error: unknown) => error);
    expect(errorAnswer(refused).status).toBe(502);
    expect(
      (await control.requests()).filter((entry) => entry.action === 'DescribeRefreshTasks'),
    ).toHaveLength(1);
  });
});

async function circuitOpenOf(account: string): Promise<number | undefined> {
  return (await metrics().circuitOpen.get()).values.find((value) => value.labels.account === account)?.value;
}

describe('upstream down', () => {
  it('fails fast once the circuit opens, and recovers when the upstream is back', async () => {
    await emulator.close();
    const first = await failure();
    expect(first.status).toBe(503);
    expect(first.error.upstream?.code).toBe('ECONNREFUSED');
    await failure();
    // Five consecutive failed attempts open the circuit: now calls fail without trying.
    const fast = await failure();
    expect(fast.error.upstream?.code).toBe('Dashboard.CircuitOpen');
    expect(fast.ms).toBeLessThan(50);
    expect(Number(fast.headers['Retry-After'])).toBeGreaterThanOrEqual(1);
    // The gauge names the account whose circuit opened; with several accounts the others' stay 0.
    expect(await circuitOpenOf(DEFAULT_ACCOUNT_ID)).toBe(1);

    emulator = await startEmulator({ port, tasks: 300, seed: 5, rateLimits: { DescribeRefreshTasks: 20 } });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await expect(freshCall()).resolves.toMatchObject({ pageSize: 1 });
    expect(await circuitOpenOf(DEFAULT_ACCOUNT_ID)).toBe(0);
  }, 30_000);
});
