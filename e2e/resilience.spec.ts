/**
 * Resilience end to end, with real parts: two `next start` instances of the build under test share
 * one throwaway PostgreSQL (the store), one redis-server and one emulator. Exactly one instance
 * syncs and both answer the same from the store; readers' load does not reach the upstream; an
 * upstream outage leaves the views answering from the store while /api/sync tells operators what
 * failed, and heals; when the syncing instance stops the other takes over; readiness and metrics
 * answer without a session, metrics only with the bearer token.
 */
import { expect, test } from '@playwright/test';
import {
  BENCH_METRICS_TOKEN,
  type DashboardFleet,
  type DashboardInstance,
  startFleet,
} from '../bench/support/dashboard-instances';
import {
  metricSum,
  ratePerSecond,
  scrapeMetrics,
  syncCallsOf,
  syncStatusOf,
  upstreamCalls,
} from '../bench/support/instance-probes';
import { controlClient, type FaultInput } from '../emulator/control-client';
import { isoSeconds } from '../lib/time-range';
import { E2E_PORT } from '../playwright.config';
import { type RunningPostgres, startPostgres } from '../testing/postgres-server';
import {
  maxCallsInAnySecond,
  type RunningRedis,
  startRedis,
  throttledCalls,
} from '../testing/upstream-test-support';

/** The two dashboards' ports: E2E_FLEET_PORT and the one above it. */
const FLEET_PORT = Number(process.env.E2E_FLEET_PORT || E2E_PORT + 40);

let postgres: RunningPostgres;
let redis: RunningRedis;
let fleet: DashboardFleet;
let cookie = '';
/** The instance that syncs, and the one that only reads; known after the first test. */
let leader: DashboardInstance;
let follower: DashboardInstance;

test.describe.configure({ mode: 'serial' });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const emulator = () => controlClient(fleet.emulator.url);
const get = (instance: DashboardInstance, path: string, headers: Record<string, string> = { cookie }) =>
  fetch(`${instance.url}${path}`, { headers });
const syncStatus = (instance: DashboardInstance) => syncStatusOf(instance.url, cookie);

test.beforeAll(async () => {
  test.setTimeout(120_000);
  [postgres, redis] = await Promise.all([startPostgres({ database: 'store' }), startRedis()]);
  fleet = await startFleet({
    ports: [FLEET_PORT, FLEET_PORT + 1],
    tasks: 1500,
    env: {
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: `e2e-${Date.now()}`,
      // Brisk, so the test sees head polls every second and a takeover within seconds.
      SYNC_HEAD_INTERVAL_MS: '1000',
      SYNC_FOLLOW_INTERVAL_MS: '1000',
      SYNC_LEADER_RETRY_MS: '2000',
      // One reconcile right after the backfill, then none during the test: its extra calls would
      // blur the comparison of the upstream rate idle and under load.
      SYNC_RECONCILE_INTERVAL_MS: '600000',
    },
  });
  [cookie = ''] = await fleet.signIn(1);
});

test.afterAll(async () => {
  await fleet?.stop();
  await Promise.all([redis?.stop(), postgres?.stop()]);
});

test('exactly one instance syncs, and both answer the same from the shared store', async () => {
  test.setTimeout(90_000);
  const [first, second] = fleet.instances as [DashboardInstance, DashboardInstance];
  await expect
    .poll(async () => (await syncStatus(first)).backfill.done, { timeout: 60_000, intervals: [500] })
    .toBe(true);

  const calls = await Promise.all([syncCallsOf(first.url), syncCallsOf(second.url)]);
  expect(calls.filter((count) => count > 0)).toHaveLength(1);
  [leader, follower] = (calls[0] ?? 0) > 0 ? [first, second] : [second, first];
  // The other instance reads the store and never calls the CDN API at all. Its one call is start-up's
  // STS GetCallerIdentity, which every instance makes to check the store mirrors this account.
  const followerCalls = (await scrapeMetrics(follower.url))
    .split('\n')
    .filter((line) => line.startsWith('cdnmon_upstream_calls_total{'));
  expect(followerCalls.filter((line) => !line.includes('action="GetCallerIdentity"'))).toEqual([]);
  expect(metricSum(followerCalls.join('\n'), 'cdnmon_upstream_calls_total')).toBe(1);
  expect((await syncStatus(follower)).syncing).toBe(true);

  // Tasks stop moving upstream; once a head poll has run after that, the store stands still too.
  const { now } = await emulator().clock({ freeze: true });
  try {
    const frozenAt = Date.now();
    await expect
      .poll(async () => Date.parse((await syncStatus(leader)).syncedAt ?? '') > frozenAt, {
        timeout: 15_000,
        intervals: [250],
      })
      .toBe(true);
    await sleep(1_500); // one more round of following in-flight rows
    const to = Date.parse(now);
    const window = `from=${isoSeconds(to - 6 * 3_600_000)}&to=${isoSeconds(to)}`;
    for (const path of [
      `/api/tasks?${window}&size=100`,
      `/api/tasks?${window}&status=Failed&status=Pending`,
      `/api/tasks/summary?${window}`,
    ]) {
      const [a, b] = await Promise.all([get(leader, path), get(follower, path)]);
      expect([a.status, b.status], path).toEqual([200, 200]);
      // fetchedAt says when the store last matched the upstream: a head poll may land in between.
      const { fetchedAt: _a, ...fromLeader } = (await a.json()) as Record<string, unknown>;
      const { fetchedAt: _b, ...fromFollower } = (await b.json()) as Record<string, unknown>;
      expect(fromFollower, path).toEqual(fromLeader);
      expect(Number(fromLeader.total), path).toBeGreaterThan(0);
    }
  } finally {
    await emulator().clock({ freeze: false });
  }
});

test("readers' load on both instances does not raise the upstream call rate", async () => {
  test.setTimeout(60_000);
  const idleFrom = Date.now();
  await sleep(8_000);
  const idleTo = Date.now();

  const mix = [
    '/api/tasks',
    '/api/tasks?status=Failed&status=Pending',
    '/api/tasks?from=now-3d&page=3',
    '/api/tasks?q=sku&from=now-3d',
    '/api/tasks?reason=origin-timeout&from=now-3d',
    '/api/tasks/summary',
    '/api/tasks/summary?from=now-3d',
    '/api/triage?from=now-3d',
  ];
  const instances = [leader, follower];
  const statuses: number[] = [];
  const loadFrom = Date.now();
  let sent = 0;
  // At least 200 requests and at least as long as the idle span, ten at a time.
  const worker = async () => {
    while (sent < 200 || Date.now() - loadFrom < idleTo - idleFrom) {
      const n = sent++;
      const response = await get(instances[n % 2] as DashboardInstance, mix[n % mix.length] ?? '');
      await response.arrayBuffer();
      statuses.push(response.status);
    }
  };
  await Promise.all(Array.from({ length: 10 }, worker));
  const loadTo = Date.now();
  expect(statuses.length).toBeGreaterThanOrEqual(200);
  expect(statuses.filter((status) => status !== 200)).toEqual([]);

  const idle = upstreamCalls(fleet.emulator, idleFrom, idleTo, 'DescribeRefreshTasks');
  const loaded = upstreamCalls(fleet.emulator, loadFrom, loadTo, 'DescribeRefreshTasks');
  const idleRate = ratePerSecond(idle, idleFrom, idleTo);
  const loadRate = ratePerSecond(loaded, loadFrom, loadTo);
  // The sync polls the head every second either way; readers add nothing. The tolerance covers
  // where the span's edges fall between polls.
  expect(idleRate).toBeGreaterThan(0);
  expect(loadRate, `idle ${idleRate.toFixed(2)}/s, under load ${loadRate.toFixed(2)}/s`).toBeLessThanOrEqual(
    idleRate * 1.25 + 0.5,
  );
  const everything = upstreamCalls(fleet.emulator, idleFrom, loadTo);
  expect(maxCallsInAnySecond(everything, 'DescribeRefreshTasks')).toBeLessThanOrEqual(5);
  expect(throttledCalls(everything)).toEqual([]);
});

/**
 * One outage: the fault on every call, until /api/sync shows operators the failure by name; the views
 * answer from the store meanwhile and the store says honestly how old it is; then the fault is
 * cleared and the sync heals by itself.
 */
async function outage(fault: FaultInput, named: RegExp): Promise<void> {
  const before = (await (await get(follower, '/api/tasks?size=20')).json()) as { total: number };
  await emulator().setFaults(fault);
  const faultAt = Date.now();
  await expect
    .poll(async () => (await syncStatus(follower)).detail?.lastError ?? '', {
      timeout: 30_000,
      intervals: [100],
    })
    .toMatch(named);
  for (const instance of [leader, follower]) {
    for (const path of ['/api/tasks?size=20', '/api/tasks/summary', '/api/triage']) {
      expect((await get(instance, path)).status, `${instance.url}${path}`).toBe(200);
    }
  }
  const during = (await (await get(follower, '/api/tasks?size=20')).json()) as { total: number };
  expect(during.total).toBeGreaterThanOrEqual(before.total);
  const stale = await syncStatus(follower);
  // The store last matched the upstream before the outage began, and says so.
  expect(Date.parse(stale.syncedAt ?? '')).toBeLessThanOrEqual(faultAt);
  expect(Date.parse(stale.detail?.lastErrorAt ?? '')).toBeGreaterThanOrEqual(faultAt - 1_000);

  await emulator().clearFaults();
  const clearedAt = Date.now();
  await expect
    .poll(
      async () => {
        const status = await syncStatus(follower);
        return status.detail?.lastError === null && Date.parse(status.syncedAt ?? '') > clearedAt;
      },
      { timeout: 45_000, intervals: [500] },
    )
    .toBe(true);
}

test('an upstream answering ServiceUnavailable: views answer from the store, operators see why, it heals', async () => {
  test.setTimeout(90_000);
  await outage({ errors: [{ code: 'ServiceUnavailable', rate: 1 }] }, /^ServiceUnavailable: /);
});

test('an upstream resetting every connection: views answer from the store, operators see why, it heals', async () => {
  test.setTimeout(90_000);
  await outage({ connectionReset: {} }, /^ECONNRESET: /);
});

test('readiness and metrics answer without a session; metrics need the bearer token', async () => {
  for (const instance of [leader, follower]) {
    const ready = await get(instance, '/api/ready', {});
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
    expect((await get(instance, '/api/metrics', {})).status).toBe(404);
    expect((await get(instance, '/api/metrics', { authorization: 'Bearer wrong' })).status).toBe(404);
    const scraped = await get(instance, '/api/metrics', { authorization: `Bearer ${BENCH_METRICS_TOKEN}` });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('process_cpu_seconds_total');
  }
  const fromLeader = await scrapeMetrics(leader.url);
  expect(fromLeader).toMatch(/^cdnmon_sync_calls_total\{account="default",purpose="head"\} [1-9]/m);
  expect(fromLeader).toMatch(/^cdnmon_store_rows\{account="default"\} [1-9]/m);
  expect(fromLeader).toMatch(/^cdnmon_sync_lag_seconds\{account="default"\} /m);
  expect(metricSum(await scrapeMetrics(follower.url), 'cdnmon_sync_calls_total')).toBe(0);
});

test('when the syncing instance stops, the other takes over within 30 s', async () => {
  test.setTimeout(60_000);
  await fleet.stopInstance(leader);
  const stoppedAt = Date.now();
  await expect
    .poll(() => syncCallsOf(follower.url), { timeout: 30_000, intervals: [500] })
    .toBeGreaterThan(0);
  await expect
    .poll(
      async () => {
        const status = await syncStatus(follower);
        return (
          status.syncing &&
          Date.parse(status.detail?.heartbeatAt ?? '') > stoppedAt &&
          Date.parse(status.syncedAt ?? '') > stoppedAt
        );
      },
      { timeout: 15_000, intervals: [500] },
    )
    .toBe(true);
  expect((await get(follower, '/api/tasks')).status).toBe(200);
});
