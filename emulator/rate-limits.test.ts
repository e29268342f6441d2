import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlClient } from './control-client';
import { EMULATOR_DEFAULTS } from './defaults';
import { optionsFromEnv } from './env-options';
import { DEFAULT_RATE_LIMITS, RateLimiter } from './rate-limiter';
import { type RunningEmulator, startEmulator } from './server';
import { $Cdn, failure, runtimeOptions, sdkClient } from './test-clients';
import { sendV3 } from './test-signer';

const keys = {
  accessKeyId: EMULATOR_DEFAULTS.accessKeyId,
  accessKeySecret: EMULATOR_DEFAULTS.accessKeySecret,
};

describe('RateLimiter', () => {
  it('allows the documented calls per second per key and action, then says when to retry', () => {
    const limiter = new RateLimiter(DEFAULT_RATE_LIMITS);
    for (let i = 0; i < 5; i++) expect(limiter.take('k', 'DescribeRefreshTasks', 1000)).toBe(0);
    expect(limiter.take('k', 'DescribeRefreshTasks', 1000)).toBe(200);
    expect(limiter.take('other', 'DescribeRefreshTasks', 1000)).toBe(0);
    expect(limiter.take('k', 'DescribeRefreshTaskById', 1000)).toBe(0);
    expect(limiter.take('k', 'DescribeRefreshTasks', 1200)).toBe(0);
    expect(limiter.take('k', 'DescribeRefreshTasks', 1250)).toBe(150);
  });

  it('has the documented defaults and can be switched off', () => {
    expect(DEFAULT_RATE_LIMITS).toEqual({
      DescribeRefreshTasks: 5,
      DescribeRefreshTaskById: 30,
      RefreshObjectCaches: 50,
      PushObjectCache: 50,
      DescribeRefreshQuota: 20,
    });
    const off = new RateLimiter('off');
    for (let i = 0; i < 100; i++) expect(off.take('k', 'DescribeRefreshTasks', 0)).toBe(0);
  });
});

describe('EMULATOR_RATE_LIMITS and EMULATOR_THROTTLE_SHAPE', () => {
  it('reads off, a JSON override, and a shape', () => {
    expect(optionsFromEnv({ EMULATOR_RATE_LIMITS: 'off' }).rateLimits).toBe('off');
    expect(optionsFromEnv({ EMULATOR_RATE_LIMITS: '{"DescribeRefreshTasks":10}' }).rateLimits).toEqual({
      DescribeRefreshTasks: 10,
    });
    expect(optionsFromEnv({ EMULATOR_THROTTLE_SHAPE: '429' }).throttleShape).toBe('429');
    expect(() => optionsFromEnv({ EMULATOR_RATE_LIMITS: '[1]' })).toThrow();
    expect(() => optionsFromEnv({ EMULATOR_THROTTLE_SHAPE: '418' })).toThrow();
  });
});

describe('throttled answers over HTTP', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tasks: 100 });
  });
  afterAll(() => emulator.close());

  const burst = async (n: number) => {
    const answers = await Promise.all(Array.from({ length: n }, () => sendV3(emulator.url, keys)));
    return answers.filter((a) => a.status !== 200);
  };

  it('answers Throttling.User 400 with x-acs-retry-after past 5 calls/s by default', async () => {
    const refused = await burst(8);
    expect(refused.length).toBeGreaterThanOrEqual(2);
    for (const answer of refused) {
      expect([answer.status, answer.body.Code]).toEqual([400, 'Throttling.User']);
      expect(Number(answer.headers['x-acs-retry-after'])).toBeGreaterThan(0);
    }
  });

  it('switches to 429 TooManyRequests or 503 Throttling', async () => {
    const control = controlClient(emulator.url);
    await control.setFaults({ throttling: { shape: '429' } });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const too = await burst(8);
    expect(too[0]?.status).toBe(429);
    expect(too[0]?.body.Code).toBe('TooManyRequests');
    await control.setFaults({ throttling: { shape: '503' } });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const unavailable = await burst(8);
    expect(unavailable[0]?.status).toBe(503);
    expect(unavailable[0]?.body.Code).toBe('Throttling');
    await control.clearFaults();
  });

  it('reaches the SDK as a ThrottlingError carrying retryAfter', async () => {
    const control = controlClient(emulator.url);
    await control.setFaults({ throttling: { force: true, action: 'DescribeRefreshQuota' } });
    const error = (await failure(
      sdkClient(emulator.port, keys).describeRefreshQuotaWithOptions(
        new $Cdn.DescribeRefreshQuotaRequest({}),
        runtimeOptions(),
      ),
    )) as unknown as { name: string; code: string; retryAfter?: number };
    expect(error.code).toBe('Throttling.User');
    expect(error.retryAfter).toBe(1000);
    await control.clearFaults();
  });

  it('can be reconfigured or switched off through the control endpoint', async () => {
    const control = controlClient(emulator.url);
    expect((await control.setRateLimits('off')).limits).toBe('off');
    expect(await burst(20)).toHaveLength(0);
    const { limits } = await control.setRateLimits({ DescribeRefreshTasks: 1 });
    expect(limits).toMatchObject({ DescribeRefreshTasks: 1, DescribeRefreshTaskById: 30 });
    expect((await burst(3)).length).toBe(2);
  });
});
