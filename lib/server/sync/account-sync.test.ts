/**
 * The sync against the real emulator over HTTP, signed by the official SDK, on PGlite and on a real
 * PostgreSQL: after the backfill the store holds exactly the upstream's rows; new and in-flight
 * tasks follow; rows outlive the upstream's retention; a restart does not backfill again; faults
 * mid-backfill lose and duplicate nothing; on PostgreSQL exactly one instance syncs.
 */
import * as $Cdn from '@alicloud/cdn20180510';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlClient } from '@/emulator/control-client';
import { EMULATOR_DEFAULTS } from '@/emulator/defaults';
import { type RunningEmulator, startEmulator } from '@/emulator/server';
import { runtimeOptions, sdkClient } from '@/emulator/test-clients';
import type { Task } from '@/lib/task';
import { isoSeconds } from '@/lib/time-range';
import { metrics } from '../metrics';
import { checkCells } from '../store/cell-check';
import { openStore, type Store } from '../store/database';
import { resourceGroupStatus } from '../store/resource-groups';
import { storeEngines } from '../store/store-engines.fixture';
import { readAllTasks } from '../store/task-reads';
import { readUpstreamFrom } from '../upstream/emulator-upstream.fixture';
import { resetUpstreamRuntime } from '../upstream/upstream-runtime';
import { AccountSync } from './account-sync';
import { readSyncSettings, type SyncSettings } from './settings';
import { readSyncState } from './sync-state';
import { oldestReadable } from './upstream-window';

const DAY = 86_400_000;
const ACCOUNT = 'default';
let emulator: RunningEmulator;
let control: ReturnType<typeof controlClient>;
/** The emulator's data clock minus the real one: the sync must live on the upstream's time. */
let clockOffset = 0;
/** While the emulator's clock stands still, so does the sync's. */
let frozenAt: number | null = null;
const now = () => frozenAt ?? Date.now() + clockOffset;

async function freeze(): Promise<void> {
  await control.clock({ freeze: true });
  frozenAt = Date.parse((await control.clock()).now);
  clockOffset = frozenAt - Date.now();
}

async function unfreeze(): Promise<void> {
  await control.clock({ freeze: false });
  clockOffset = Date.parse((await control.clock()).now) - Date.now();
  frozenAt = null;
}

async function advance(ms: number): Promise<void> {
  await control.clock({ advanceMs: ms });
  if (frozenAt !== null) frozenAt += ms;
  else clockOffset += ms;
}

const FAST: SyncSettings = {
  ...readSyncSettings({}),
  backfillRate: 50,
  steadyRate: 50,
  headIntervalMs: 300,
  followIntervalMs: 300,
  followRate: 50,
  reconcileIntervalMs: 3_600_000,
  leaderRetryMs: 300,
  groupProbeRate: 50,
};

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tasks: 2_500, seed: 31, rateLimits: 'off' });
  control = controlClient(emulator.url);
  await readUpstreamFrom(emulator.url);
}, 60_000);

afterAll(async () => {
  await resetUpstreamRuntime();
  await emulator?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

async function storedRows(store: Store, fromMs = now() - 30 * DAY): Promise<Task[]> {
  const rows: Task[] = [];
  const query = { status: [], type: [], domain: [], reason: [], path: null, q: null, task: null, rg: null };
  for await (const row of readAllTasks(store.db, ACCOUNT, query, {
    startMs: fromMs,
    endMs: now() + DAY,
    clamped: false,
  }))
    rows.push(row);
  return rows.sort(byKey);
}

/** Every row the upstream holds now, in the dashboard's shape. */
async function upstreamRows(): Promise<Task[]> {
  const snapshot = await control.tasks({ limit: 1_000_000 });
  return snapshot.tasks
    .map(({ process: _process, endedAt: _endedAt, ...task }) => ({
      ...task,
      createdAt: isoSeconds(Date.parse(task.createdAt)),
      reason: normalisedReason(task.description),
      // The clock stands still: every row is read once by the backfill, so no end is ever seen.
      finishedAt: null,
      finishedPrecisionSeconds: null,
    }))
    .sort(byKey);
}

function normalisedReason(description: string | null): Task['reason'] {
  if (!description) return null;
  const compact = description.replace(/\s+/g, '').toLowerCase();
  if (compact === 'origintimeout') return 'origin-timeout';
  if (compact === 'internalerror') return 'internal-error';
  if (compact === 'originreturnstatuscode5xx') return 'origin-5xx';
  return 'other';
}

const byKey = (a: Task, b: Task) =>
  a.taskId === b.taskId ? (a.objectPath < b.objectPath ? -1 : 1) : a.taskId < b.taskId ? -1 : 1;

async function backfillDone(store: Store): Promise<boolean> {
  return (await readSyncState(store.db, ACCOUNT))?.backfillDone === true;
}

describe.each(storeEngines())('the sync on $name', (engine) => {
  let store: Store;
  beforeAll(async () => {
    // A kept-alive connection the emulator is just closing may reset once; that is not the test.
    await control.reset({ seed: 31, tasks: 2_500 }).catch(() => control.reset({ seed: 31, tasks: 2_500 }));
    await freeze();
    await control.clearRequests();
    store = await openStore(await engine.settings());
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await engine.stop();
  });

  it('backfills the whole retention window, then holds exactly the upstream rows', async () => {
    // Faults while backfilling: a share of 5xx answers and throttling, which the sync must ride out.
    await control.setFaults({
      errors: [{ code: 'InternalError', rate: 0.15 }],
      throttling: { force: true, rate: 0.1 },
      connectionReset: { rate: 0.05 },
    });
    const sync = new AccountSync(store, ACCOUNT, FAST, { now });
    sync.start();
    try {
      await until('the backfill', () => backfillDone(store), 120_000);
      await control.clearFaults().catch(() => control.clearFaults());
      // The frozen clock keeps every status still: after one more follow round nothing may differ.
      await sleep(1_000);
      // The sync reads from a few seconds inside retention (oldestReadable): rows older than that
      // are about to expire and are not read.
      const edge = isoSeconds(oldestReadable(now()));
      const upstream = await upstreamRows();
      const expected = upstream.filter((task) => task.createdAt >= edge);
      expect(expected.length).toBeGreaterThan(2_400);
      expect(await storedRows(store)).toEqual(expected);
      expect(await checkCells(store.db, ACCOUNT, now() - 4 * DAY, now() + DAY)).toBe(0);
      expect((await metrics().storeCellRebuilds.get()).values).toEqual([]);
      const failures = (await control.requests()).filter((entry) => entry.status >= 400);
      expect(failures.length).toBeGreaterThan(0);
    } finally {
      await sync.stop();
    }
  }, 180_000);

  it('finds the domains of a resource group, so rg is answered from the store', async () => {
    const group = 'rg-acfmwebfront01';
    const known = async () =>
      (await resourceGroupStatus(store.db, ACCOUNT, group, 'local:olivia', now())) === 'known';
    expect(await known()).toBe(false);
    const sync = new AccountSync(store, ACCOUNT, FAST, { now });
    sync.start();
    try {
      await until('the group lookup', known, 20_000);
    } finally {
      await sync.stop();
    }
    const window = { startMs: oldestReadable(now()), endMs: now(), clamped: false };
    const query = {
      status: [],
      type: [],
      domain: [],
      reason: [],
      path: null,
      q: null,
      task: null,
      rg: group,
    };
    const stored = new Set<string>();
    for await (const row of readAllTasks(store.db, ACCOUNT, query, window))
      stored.add(`${row.taskId} ${row.objectPath}`);
    const client = sdkClient(emulator.port, {
      accessKeyId: EMULATOR_DEFAULTS.accessKeyId,
      accessKeySecret: EMULATOR_DEFAULTS.accessKeySecret,
    });
    const upstream = new Set<string>();
    for (let page = 1; ; page += 1) {
      const answer = await client.describeRefreshTasksWithOptions(
        new $Cdn.DescribeRefreshTasksRequest({
          resourceGroupId: group,
          startTime: isoSeconds(window.startMs),
          endTime: isoSeconds(window.endMs),
          pageNumber: page,
          pageSize: 100,
        }),
        runtimeOptions(),
      );
      for (const task of answer.body?.tasks?.CDNTask ?? []) upstream.add(`${task.taskId} ${task.objectPath}`);
      if (page * 100 >= Number(answer.body?.totalCount ?? 0)) break;
    }
    expect(upstream.size).toBeGreaterThan(100);
    expect([...stored].sort()).toEqual([...upstream].sort());
  }, 60_000);

  it('resumes after a restart without a second backfill', async () => {
    await control.clearRequests();
    const before = (await storedRows(store)).length;
    const sync = new AccountSync(store, ACCOUNT, FAST, { now });
    sync.start();
    await sleep(2_000);
    await sync.stop();
    // Head polls only: a few calls a second at most, where a backfill would need 25 pages and more.
    const calls = (await control.requests()).filter((entry) => entry.action === 'DescribeRefreshTasks');
    expect(
      calls.every((entry) => entry.parameters.PageSize !== '100' || entry.parameters.PageNumber === '1'),
    ).toBe(true);
    expect(calls.length).toBeLessThan(15);
    expect((await storedRows(store)).length).toBe(before);
  }, 60_000);

  it('shows a task created upstream, and follows it until it ends', async () => {
    await unfreeze();
    const sync = new AccountSync(store, ACCOUNT, FAST, { now });
    sync.start();
    try {
      const client = sdkClient(emulator.port, {
        accessKeyId: EMULATOR_DEFAULTS.accessKeyId,
        accessKeySecret: EMULATOR_DEFAULTS.accessKeySecret,
      });
      const objectPath = `https://img.shop-example.com/sync-test/${engine.name}-${Date.now()}.jpg`;
      const created = await client.refreshObjectCachesWithOptions(
        new $Cdn.RefreshObjectCachesRequest({ objectPath, objectType: 'File' }),
        runtimeOptions(),
      );
      const taskId = created.body?.refreshTaskId ?? '';
      expect(taskId).toMatch(/^\d+$/);
      const row = async () => (await storedRows(store, now() - DAY)).find((task) => task.taskId === taskId);
      await until('the new task in the store', async () => (await row()) !== undefined, 10_000);
      expect(['Pending', 'Refreshing']).toContain((await row())?.status);
      // Let the emulator's time run so the task completes; the follower reads it by id.
      await advance(10 * 60_000);
      await until('the task to complete', async () => (await row())?.status === 'Complete', 20_000);
    } finally {
      await sync.stop();
      await freeze();
    }
  }, 60_000);

  it('polls the head at once when asked for `now` (tasks were just submitted), however recent the last poll', async () => {
    await unfreeze();
    // Head polls a minute apart, and a reader's ask honoured only after 30 s: only `now` can bring it.
    const sync = new AccountSync(
      store,
      ACCOUNT,
      { ...FAST, headIntervalMs: 60_000, headOnDemandAfterMs: 30_000 },
      { now },
    );
    sync.start();
    try {
      await sleep(1_500);
      const client = sdkClient(emulator.port, {
        accessKeyId: EMULATOR_DEFAULTS.accessKeyId,
        accessKeySecret: EMULATOR_DEFAULTS.accessKeySecret,
      });
      const objectPath = `https://img.shop-example.com/sync-test/now-${engine.name}-${Date.now()}.jpg`;
      const created = await client.refreshObjectCachesWithOptions(
        new $Cdn.RefreshObjectCachesRequest({ objectPath, objectType: 'File' }),
        runtimeOptions(),
      );
      const taskId = created.body?.refreshTaskId ?? '';
      const stored = async () =>
        (await storedRows(store, now() - DAY)).some((task) => task.taskId === taskId);
      sync.requestHead();
      await sleep(1_500);
      expect(await stored()).toBe(false);
      sync.requestHead({ now: true });
      await until('the submitted task in the store', stored, 5_000);
    } finally {
      await sync.stop();
      await freeze();
    }
  }, 60_000);

  it('keeps rows after the upstream forgets them', async () => {
    const before = await storedRows(store);
    await advance(4 * DAY);
    const upstreamKeys = new Set((await upstreamRows()).map((task) => `${task.taskId} ${task.objectPath}`));
    expect(before.some((task) => upstreamKeys.has(`${task.taskId} ${task.objectPath}`))).toBe(false);
    const sync = new AccountSync(store, ACCOUNT, FAST, { now });
    sync.start();
    await sleep(1_500);
    await sync.stop();
    const after = await storedRows(store);
    for (const task of before)
      expect(after).toContainEqual(
        expect.objectContaining({ taskId: task.taskId, objectPath: task.objectPath }),
      );
  }, 60_000);

  if (engine.name === 'PostgreSQL') {
    it('lets exactly one of two instances sync, and the other take over when it stops', async () => {
      const other = await openStore(await engine.settings());
      const first = new AccountSync(store, ACCOUNT, FAST, { now, instanceId: 'first' });
      const second = new AccountSync(other, ACCOUNT, FAST, { now, instanceId: 'second' });
      first.start();
      await until('the first to lead', async () => first.isLeader, 10_000);
      second.start();
      await sleep(1_500);
      expect(second.isLeader).toBe(false);
      await first.stop();
      await until('the second to take over', async () => second.isLeader, 10_000);
      await until(
        'its heartbeat',
        async () => (await readSyncState(other.db, ACCOUNT))?.leader === 'second',
        10_000,
      );
      await second.stop();
      await other.close();
    }, 60_000);
  }
});
