/**
 * Several accounts in one store: two emulators over real HTTP, each its own Alibaba Cloud account
 * with its own key pair and data, synced side by side into one PGlite store through the official
 * SDK. Each account's partition then holds exactly its emulator's rows — totals and counts by
 * status equal each emulator's ground truth — and each emulator saw only its own account's key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlClient } from '@/emulator/control-client';
import { type RunningEmulator, startEmulator } from '@/emulator/server';
import { isoSeconds } from '@/lib/time-range';
import { resetAccountsConfig } from '../accounts/accounts';
import { metrics } from '../metrics';
import { checkCells } from '../store/cell-check';
import { openStore, type Store } from '../store/database';
import { readTaskPage } from '../store/task-reads';
import { readUpstreamSettings } from '../upstream/settings';
import { resetUpstreamRuntime } from '../upstream/upstream-runtime';
import { AccountSync } from './account-sync';
import { readSyncSettings, type SyncSettings } from './settings';
import { readSyncState } from './sync-state';
import { oldestReadable } from './upstream-window';

const DAY = 86_400_000;
const ACCOUNTS = [
  {
    id: 'prod',
    name: 'Production',
    keys: { accessKeyId: 'LTAI5tProdAccountKey', accessKeySecret: 'ProdAccountSecretForTests' },
    data: { seed: 71, tasks: 900 },
  },
  {
    id: 'staging',
    name: 'Staging',
    keys: { accessKeyId: 'LTAI5tStagingAccountKey', accessKeySecret: 'StagingAccountSecretForTests' },
    data: { seed: 72, tasks: 400 },
  },
] as const;

const FAST: SyncSettings = {
  ...readSyncSettings({}),
  backfillRate: 50,
  steadyRate: 50,
  headIntervalMs: 300,
  followIntervalMs: 300,
  followRate: 50,
  reconcileIntervalMs: 3_600_000,
  leaderRetryMs: 300,
};

interface Upstream {
  emulator: RunningEmulator;
  control: ReturnType<typeof controlClient>;
  /** The emulator's frozen data clock: the account's sync lives on it. */
  frozenAt: number;
}

const upstreams = new Map<string, Upstream>();
let store: Store;

beforeAll(async () => {
  for (const account of ACCOUNTS) {
    const emulator = await startEmulator({
      port: 0,
      ...account.data,
      ...account.keys,
      rateLimits: 'off',
    });
    const control = controlClient(emulator.url);
    await control.clock({ freeze: true });
    upstreams.set(account.id, { emulator, control, frozenAt: Date.parse((await control.clock()).now) });
  }
  resetAccountsConfig({
    fromFile: true,
    accounts: ACCOUNTS.map((account) => ({
      id: account.id,
      name: account.name,
      endpoint: new URL(upstreams.get(account.id)?.emulator.url ?? ''),
      credentials: { kind: 'keys', ...account.keys },
    })),
  });
  const settings = readUpstreamSettings({});
  await resetUpstreamRuntime({
    ...settings,
    ratePerSecond: { ...settings.ratePerSecond, DescribeRefreshTasks: 200, DescribeRefreshTaskById: 200 },
  });
  store = await openStore({ databaseUrl: null, dataDir: 'memory://', historyDays: 30 });
}, 60_000);

afterAll(async () => {
  await store?.close();
  resetAccountsConfig();
  await resetUpstreamRuntime();
  for (const upstream of upstreams.values()) await upstream.emulator.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('two accounts synced into one store', () => {
  it("each account's partition holds exactly its own emulator's rows", async () => {
    const syncs = ACCOUNTS.map((account) => {
      const frozenAt = upstreams.get(account.id)?.frozenAt ?? Date.now();
      return new AccountSync(store, account.id, FAST, { now: () => frozenAt });
    });
    for (const sync of syncs) sync.start();
    try {
      const deadline = Date.now() + 120_000;
      for (;;) {
        const states = await Promise.all(ACCOUNTS.map((account) => readSyncState(store.db, account.id)));
        if (states.every((state) => state?.backfillDone === true)) break;
        if (Date.now() > deadline) throw new Error('timed out waiting for both backfills');
        await sleep(200);
      }
      // One more follow round on the frozen clocks: nothing may differ afterwards.
      await sleep(1_000);

      for (const account of ACCOUNTS) {
        const upstream = upstreams.get(account.id);
        if (!upstream) throw new Error('no emulator');
        const edge = isoSeconds(oldestReadable(upstream.frozenAt));
        const truth = (await upstream.control.tasks({ limit: 1_000_000 })).tasks.filter(
          (task) => isoSeconds(Date.parse(task.createdAt)) >= edge,
        );
        expect(truth.length).toBeGreaterThan(account.data.tasks * 0.8);

        const window = {
          startMs: upstream.frozenAt - 30 * DAY,
          endMs: upstream.frozenAt + DAY,
          clamped: false,
        };
        const query = {
          status: [],
          type: [],
          domain: [],
          reason: [],
          path: null,
          q: null,
          task: null,
          rg: null,
          page: 1,
          size: 20,
        };
        const page = await readTaskPage(store.db, account.id, query, window);
        expect(page.total, `${account.id} total`).toBe(truth.length);
        for (const status of new Set(truth.map((task) => task.status))) {
          const byStatus = await readTaskPage(store.db, account.id, { ...query, status: [status] }, window);
          expect(byStatus.total, `${account.id} ${status}`).toBe(
            truth.filter((task) => task.status === status).length,
          );
        }

        // The count cells the triggers kept say what the rows say, with nothing to rebuild.
        expect(
          await checkCells(store.db, account.id, window.startMs, window.endMs),
          `${account.id} cells`,
        ).toBe(0);

        // Each emulator was called only with its own account's key.
        const keys = new Set((await upstream.control.requests()).map((entry) => entry.accessKeyId));
        expect([...keys]).toEqual([account.keys.accessKeyId]);
      }
      // The two data sets differ, so equal totals above are not one partition read twice.
      expect(ACCOUNTS[0].data.tasks).not.toBe(ACCOUNTS[1].data.tasks);
      expect((await metrics().storeCellRebuilds.get()).values).toEqual([]);
    } finally {
      await Promise.all(syncs.map((sync) => sync.stop()));
    }
  }, 180_000);
});
