/**
 * Resilience end to end: two real dashboard instances (`next start` of the build under test) share
 * one Redis and one emulator. Their combined upstream rate stays within the account's budget, as the
 * emulator's request log shows; upstream faults come back as the documented statuses and heal;
 * throttling falls back to the last good answer; readiness and metrics answer without a session.
 */
import { expect, test } from '@playwright/test';
import { BENCH_METRICS_TOKEN, type DashboardFleet, startFleet } from '../bench/support/dashboard-instances';
import {
  maxCallsInAnySecond,
  type RunningRedis,
  startRedis,
  throttledCalls,
} from '../lib/testing/upstream-test-support';
import { E2E_PORT } from '../playwright.config';

let redis: RunningRedis;
let fleet: DashboardFleet;
let cookie = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  redis = await startRedis();
  fleet = await startFleet({
    ports: [E2E_PORT + 40, E2E_PORT + 41],
    tasks: 1500,
    env: { REDIS_URL: redis.url, REDIS_KEY_PREFIX: `e2e-${Date.now()}`, CDN_CACHE_TTL_MS: '1000' },
  });
  [cookie = ''] = await fleet.signIn(1);
});

test.afterAll(async () => {
  await fleet?.stop();
  await redis?.stop();
});

const emulatorControl = (path: string, method = 'GET', body?: unknown) =>
  fetch(`${fleet.emulator.url}/__emulator/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const get = (base: string, path: string, headers: Record<string, string> = { cookie }) =>
  fetch(`${base}${path}`, { headers });

test('two instances together stay within 5 DescribeRefreshTasks per second', async () => {
  test.setTimeout(60_000);
  await emulatorControl('requests', 'DELETE');
  const urls = fleet.instances.map((instance) => instance.url);
  const answers = await Promise.all(
    Array.from({ length: 24 }, (_, index) =>
      get(urls[index % urls.length] ?? '', `/api/tasks?type=file&size=20&page=${index + 1}`),
    ),
  );
  expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));

  const { requests } = (await (await emulatorControl('requests')).json()) as {
    requests: Array<{ time: string; action: string | null; status: number; code: string | null }>;
  };
  expect(requests.filter((entry) => entry.action === 'DescribeRefreshTasks')).toHaveLength(24);
  expect(throttledCalls(requests)).toEqual([]);
  expect(maxCallsInAnySecond(requests, 'DescribeRefreshTasks')).toBeLessThanOrEqual(5);
});

test('an upstream outage answers 503 with Retry-After and the upstream code, and heals', async () => {
  test.setTimeout(60_000);
  const [instance] = fleet.instances;
  await emulatorControl('faults', 'POST', { errors: [{ code: 'ServiceUnavailable', rate: 1 }] });
  const failing = await get(instance?.url ?? '', '/api/tasks?type=regex&page=7');
  expect(failing.status).toBe(503);
  expect(Number(failing.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(failing.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  const body = (await failing.json()) as { error: { message: string; upstream: { code: string } } };
  expect(body.error.upstream.code).toBe('ServiceUnavailable');
  expect(body.error.message).toContain('unavailable');
  expect((await get(instance?.url ?? '', '/api/health', {})).status).toBe(200);

  await emulatorControl('faults', 'DELETE');
  await expect
    .poll(async () => (await get(instance?.url ?? '', '/api/tasks?type=regex&page=7')).status, {
      timeout: 20_000,
      intervals: [500],
    })
    .toBe(200);
});

test('throttling falls back to the last good answer, marked stale, from either instance', async () => {
  const [first, second] = fleet.instances;
  const path = '/api/tasks?type=directory&from=now-2h';
  const good = (await (await get(first?.url ?? '', path)).json()) as { tasks: unknown[]; fetchedAt: string };
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  await emulatorControl('faults', 'POST', { throttling: { force: true, shape: '429' } });
  try {
    const fallback = await get(second?.url ?? '', path);
    expect(fallback.status).toBe(200);
    expect(fallback.headers.get('x-upstream-stale')).toBe('true');
    const body = (await fallback.json()) as { tasks: unknown[]; fetchedAt: string };
    expect(body.tasks).toEqual(good.tasks);
    expect(Date.parse(body.fetchedAt)).toBeLessThanOrEqual(Date.parse(good.fetchedAt));
  } finally {
    await emulatorControl('faults', 'DELETE');
  }
});

test('readiness and metrics answer without a session; metrics need the bearer token', async () => {
  for (const instance of fleet.instances) {
    const ready = await get(instance.url, '/api/ready', {});
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
    expect((await get(instance.url, '/api/metrics', {})).status).toBe(404);
    expect((await get(instance.url, '/api/metrics', { authorization: 'Bearer wrong' })).status).toBe(404);
    const scraped = await get(instance.url, '/api/metrics', {
      authorization: `Bearer ${BENCH_METRICS_TOKEN}`,
    });
    expect(scraped.status).toBe(200);
    const text = await scraped.text();
    expect(text).toContain('cdnmon_upstream_calls_total{action="DescribeRefreshTasks",code="OK"}');
    expect(text).toContain('cdnmon_upstream_call_duration_seconds_bucket');
  }
});
