/**
 * Time to finish against the real emulator over HTTP (docs/sync.md, "Time to finish"): the sync
 * stamps each row it saw in flight and then ended with its own clock, and the emulator's own end of
 * that task lies within the stamped precision (the re-read interval) before it. Rows first read
 * already ended keep an unknown end.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { controlClient } from '@/emulator/control-client';
import { type RunningEmulator, startEmulator } from '@/emulator/server';
import { openStore, type Store } from '../store/database';
import { readUpstreamFrom } from '../upstream/emulator-upstream.fixture';
import { resetUpstreamRuntime } from '../upstream/upstream-runtime';
import { AccountSync } from './account-sync';
import { readSyncSettings, type SyncSettings } from './settings';
import { readSyncState } from './sync-state';
import { cdnReader } from './upstream-reader';

const ACCOUNT = 'finish';
const PREFIX = '/finish-times/';

let emulator: RunningEmulator;
let control: ReturnType<typeof controlClient>;
let store: Store;
/**
 * The sync's data clock is the emulator's own (it runs in this process), so the bounds below are
 * exact however busy the machine is: the emulator answers a task's state at an instant after the
 * call was sent, and the sync stamps the end after the answer came.
 */
const now = () => emulator.state.clock.now();

const SETTINGS: SyncSettings = {
  ...readSyncSettings({}),
  backfillRate: 50,
  steadyRate: 50,
  headIntervalMs: 1_000,
  headOverlapMs: 1_000,
  followIntervalMs: 1_000,
  followSlowIntervalMs: 1_000,
  followRate: 50,
  reconcileIntervalMs: 3_600_000,
  leaderRetryMs: 300,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tasks: 300, seed: 24, rateLimits: 'off' });
  control = controlClient(emulator.url);
  await readUpstreamFrom(emulator.url);
  store = await openStore({ databaseUrl: null, dataDir: 'memory://', historyDays: 30 });
}, 60_000);

afterAll(async () => {
  await store?.close();
  await resetUpstreamRuntime();
  await emulator?.close();
});

it('stamps each end it saw within the re-read interval after the emulator ended the task', async () => {
  await control.clock({ freeze: true });
  // 300 tasks over a minute, each pending 1–20 s and failing 0–95 % into a 30 s – 3 min run.
  await control.startIncident({
    domain: 'img.shop-example.com',
    prefix: PREFIX,
    reason: 'origin-5xx',
    tasks: 300,
    minutes: 1,
  });
  await control.clock({ advanceMs: 61_000 });
  const syncStartedAt = now();
  const sync = new AccountSync(store, ACCOUNT, SETTINGS, { now, upstream: cdnReader('default') });
  sync.start();
  try {
    const deadline = Date.now() + 60_000;
    while ((await readSyncState(store.db, ACCOUNT))?.backfillDone !== true) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the backfill');
      await sleep(100);
    }
    // The data clock runs in real time for 20 s: dozens of the tasks end while the sync follows them.
    await control.clock({ freeze: false });
    await sleep(20_000);
  } finally {
    await sync.stop();
    await control.clock({ freeze: true });
  }

  const upstream = await control.tasks({ q: PREFIX, limit: 1_000 });
  const endOf = new Map(upstream.tasks.map((task) => [`${task.taskId} ${task.objectPath}`, task.endedAt]));
  const rows = await store.db
    .selectFrom('tasks')
    .select(['task_id', 'object_path', 'status', 'finished_at', 'finished_precision_ms'])
    .where('account_id', '=', ACCOUNT)
    .where('object_path', 'like', `%${PREFIX}%`)
    .execute();
  expect(rows.length).toBe(300);
  const stamped = rows.filter((row) => row.finished_at !== null);
  expect(stamped.length).toBeGreaterThanOrEqual(10);
  for (const row of stamped) {
    const ended = endOf.get(`${row.task_id} ${row.object_path}`);
    expect(ended, row.task_id).toBeTruthy();
    const late = new Date(row.finished_at ?? 0).getTime() - Date.parse(ended ?? '');
    const precision = row.finished_precision_ms ?? 0;
    // The interval, or more when the machine made a round late: never less.
    expect(precision).toBeGreaterThanOrEqual(1_000);
    expect(late, `${row.task_id} seen ${late} ms after its end`).toBeGreaterThanOrEqual(0);
    expect(late, `${row.task_id} seen ${late} ms after its end (± ${precision})`).toBeLessThanOrEqual(
      precision,
    );
  }
  // Rows in flight have no end; rows that had ended before the backfill read them keep an unknown one.
  for (const row of rows.filter((r) => r.status === 'Pending' || r.status === 'Refreshing'))
    expect(row.finished_at).toBeNull();
  const stampedKeys = new Set(stamped.map((row) => `${row.task_id} ${row.object_path}`));
  const endedBeforeSync = upstream.tasks.filter(
    (task) => task.endedAt !== null && Date.parse(task.endedAt) <= syncStartedAt,
  );
  expect(endedBeforeSync.length).toBeGreaterThan(0);
  for (const task of endedBeforeSync)
    expect(stampedKeys.has(`${task.taskId} ${task.objectPath}`)).toBe(false);
}, 120_000);
