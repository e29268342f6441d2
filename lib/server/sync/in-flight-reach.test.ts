/**
 * Every row ends in the store as it ends upstream, however many are in flight (docs/sync.md,
 * "Reaching every in-flight row"): against the real emulator over HTTP, on PGlite and PostgreSQL.
 * The follow reaches hundreds of young in-flight tasks when one round covers fewer of them than that,
 * and says it is behind meanwhile; the reconcile finds a row whose status drifted in the store and
 * reads it again. Each test syncs its own account id into the store, so none sees another's rows.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlClient } from '@/emulator/control-client';
import { type RunningEmulator, startEmulator } from '@/emulator/server';
import { openStore, type Store } from '../store/database';
import { storeEngines } from '../store/store-engines.fixture';
import { readUpstreamFrom } from '../upstream/emulator-upstream.fixture';
import { resetUpstreamRuntime } from '../upstream/upstream-runtime';
import { AccountSync } from './account-sync';
import { readSyncSettings, type SyncSettings } from './settings';
import { readSyncState } from './sync-state';
import { cdnReader } from './upstream-reader';

const SEED = 47;
const TASKS = 600;
const OLDER_PREFIX = '/in-flight-reach/older/';
const NEWER_PREFIX = '/in-flight-reach/newer/';
let emulator: RunningEmulator;
let control: ReturnType<typeof controlClient>;
let clockOffset = 0;
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

/** Fast everywhere, except what a test wants to leave out of the picture. */
const FAST: SyncSettings = {
  ...readSyncSettings({}),
  backfillRate: 50,
  steadyRate: 50,
  headIntervalMs: 300,
  // Head polls reach back only a second: rows older than that change in the store only through the
  // follow or the reconcile, which are what these tests are about.
  headOverlapMs: 1_000,
  followIntervalMs: 300,
  followSlowIntervalMs: 300,
  followRate: 50,
  reconcileIntervalMs: 3_600_000,
  leaderRetryMs: 300,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tasks: TASKS, seed: SEED, rateLimits: 'off' });
  control = controlClient(emulator.url);
  await readUpstreamFrom(emulator.url);
}, 60_000);

afterAll(async () => {
  await resetUpstreamRuntime();
  await emulator?.close();
});

/** Status of every stored row of `account` whose path holds `fragment`, by "task id path". */
async function storedStatuses(store: Store, account: string, fragment = ''): Promise<Map<string, string>> {
  const rows = await store.db
    .selectFrom('tasks')
    .select(['task_id', 'object_path', 'status'])
    .where('account_id', '=', account)
    .where('object_path', 'like', `%${fragment}%`)
    .execute();
  return new Map(rows.map((row) => [`${row.task_id} ${row.object_path}`, row.status]));
}

async function upstreamStatuses(fragment = ''): Promise<Map<string, string>> {
  const snapshot = await control.tasks({ limit: 1_000_000, ...(fragment ? { q: fragment } : {}) });
  return new Map(snapshot.tasks.map((task) => [`${task.taskId} ${task.objectPath}`, task.status]));
}

async function backfillDone(store: Store, account: string): Promise<boolean> {
  return (await readSyncState(store.db, account))?.backfillDone === true;
}

describe.each(storeEngines())('every row ends as upstream, on $name', (engine) => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(await engine.settings());
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await engine.stop();
  });

  it('follows older in-flight tasks to their end while hundreds of newer ones stay in flight, and says it is behind meanwhile', async () => {
    const account = `reach-${engine.name}`;
    await control.reset({ seed: SEED, tasks: TASKS });
    await freeze();
    // 500 tasks over one minute, each its own id, every one failing 0.5 to 3.5 minutes after it came.
    await control.startIncident({
      domain: 'img.shop-example.com',
      prefix: OLDER_PREFIX,
      reason: 'origin-timeout',
      tasks: 500,
      minutes: 1,
    });
    await advance(61_000);
    // A round reaches 15 calls of 10 ids (50 calls/s for 300 ms): fewer than the tasks in flight.
    const sync = new AccountSync(store, account, FAST, { now, upstream: cdnReader('default') });
    sync.start();
    try {
      await until('the backfill', () => backfillDone(store, account));
      const inFlight = await store.db
        .selectFrom('tasks')
        .select(sql<number>`count(DISTINCT task_id)`.as('ids'))
        .where('account_id', '=', account)
        .where('status', 'in', ['Pending', 'Refreshing'])
        .where('object_path', 'like', `%${OLDER_PREFIX}%`)
        .executeTakeFirstOrThrow();
      expect(Number(inFlight.ids)).toBeGreaterThan(200);
      // Newer tasks keep coming for five minutes, hundreds of them in flight at any time; 3.5 minutes
      // on, every older task has ended upstream. Time runs again, so every young row is due each round.
      await control.startIncident({
        domain: 'www.example.com',
        prefix: NEWER_PREFIX,
        reason: 'origin-5xx',
        tasks: 2_000,
        minutes: 5,
      });
      await advance(210_000);
      await unfreeze();
      await until('the follow to say it is behind', async () => {
        const state = await readSyncState(store.db, account);
        return (state?.stats.followBehindMs ?? 0) > 0;
      });
      const upstream = await upstreamStatuses(OLDER_PREFIX);
      expect(upstream.size).toBe(500);
      expect([...upstream.values()].every((status) => status !== 'Pending' && status !== 'Refreshing')).toBe(
        true,
      );
      const newerInFlight = await control.tasks({ q: NEWER_PREFIX, status: ['Pending', 'Refreshing'] });
      expect(newerInFlight.total).toBeGreaterThan(200);
      await until(
        'every older row to end in the store as upstream',
        async () => {
          const stored = await storedStatuses(store, account, OLDER_PREFIX);
          return stored.size === upstream.size && [...upstream].every(([key, s]) => stored.get(key) === s);
        },
        30_000,
      );
    } finally {
      await sync.stop();
      await freeze();
    }
  }, 180_000);

  it('finds a row whose status drifted in the store, through the reconcile, and reads it again', async () => {
    const account = `drift-${engine.name}`;
    await control.reset({ seed: SEED, tasks: TASKS });
    await freeze();
    // The follow sleeps for an hour: only the reconcile (a slice every 200 ms) can mend the row.
    const settings = { ...FAST, followIntervalMs: 3_600_000, reconcileIntervalMs: 200 };
    const sync = new AccountSync(store, account, settings, { now, upstream: cdnReader('default') });
    sync.start();
    try {
      await until('the backfill', () => backfillDone(store, account));
      // A row that ended a day ago, set back to Refreshing as if its ending had been missed.
      const ended = await store.db
        .selectFrom('tasks')
        .select(['task_id', 'object_path', 'status'])
        .where('account_id', '=', account)
        .where('status', '=', 'Complete')
        .where('created_at', '<', new Date(now() - 24 * 3_600_000))
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      const row = () =>
        store.db
          .selectFrom('tasks')
          .select('status')
          .where('account_id', '=', account)
          .where('task_id', '=', ended.task_id)
          .where('object_path', '=', ended.object_path)
          .executeTakeFirstOrThrow();
      await store.db
        .updateTable('tasks')
        .set({ status: 'Refreshing', progress: 40 })
        .where('account_id', '=', account)
        .where('task_id', '=', ended.task_id)
        .where('object_path', '=', ended.object_path)
        .execute();
      expect((await row()).status).toBe('Refreshing');
      // The sync's steps come due on the data clock: let it run.
      await unfreeze();
      await until('the reconcile to mend the row', async () => (await row()).status === 'Complete');
    } finally {
      await sync.stop();
      await freeze();
    }
  }, 180_000);
});
