/**
 * The scheduler in account-sync.ts on its own, over a stub upstream and a data clock that stands
 * still: which step runs when, and what a failed step leaves behind. The emulator-backed tests
 * (account-sync.test.ts and beside it) hold the whole sync to its behaviour over real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/database';
import { UpstreamError } from '../upstream/upstream-error';
import { AccountSync } from './account-sync';
import { readSyncSettings, type SyncSettings } from './settings';
import { MINUTE, type StubUpstream, stubUpstream, T0, task } from './steps/step-context.fixture';
import { readSyncState } from './sync-state';

const SETTINGS: SyncSettings = {
  ...readSyncSettings({}),
  backfillRate: 1_000,
  steadyRate: 1_000,
  followRate: 1_000,
  followIntervalMs: 100,
};

let store: Store;
beforeAll(async () => {
  store = await openStore({ databaseUrl: null, dataDir: 'memory://', historyDays: 30 });
}, 60_000);
afterAll(async () => {
  await store.close();
});

async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function syncOver(accountId: string, upstream: StubUpstream, clock = { now: T0 }): AccountSync {
  return new AccountSync(store, accountId, SETTINGS, {
    upstream,
    now: () => clock.now,
    instanceId: 'scheduler-test',
  });
}

describe('the scheduler', () => {
  it('polls the head first, then backfills, and reconciles only once the backfill is done', async () => {
    const upstream = stubUpstream(
      Array.from({ length: 30 }, (_, i) => task(`s${i}`, T0 - i * 10 * MINUTE)),
      () => 0,
    );
    const sync = syncOver('order', upstream);
    sync.start();
    try {
      await until(() => upstream.listCalls.some((call) => call.purpose === 'reconcile'), 'a reconcile');
    } finally {
      await sync.stop();
    }
    const purposes = upstream.listCalls.map((call) => call.purpose);
    const firstReconcile = purposes.indexOf('reconcile');
    expect(purposes[0]).toBe('head');
    expect(purposes.slice(1, firstReconcile).every((purpose) => purpose === 'backfill')).toBe(true);
    // The data clock stands still: no second head poll came due meanwhile.
    expect(purposes.filter((purpose) => purpose === 'head')).toHaveLength(1);
    const state = await readSyncState(store.db, 'order');
    expect(state).toMatchObject({ backfillDone: true, leader: 'scheduler-test', syncedAt: T0 });
  }, 60_000);

  it('polls the head again when a reader asks for `now`, however recent the last poll', async () => {
    const upstream = stubUpstream([], () => 0);
    const sync = syncOver('on-demand', upstream);
    sync.start();
    const heads = () => upstream.listCalls.filter((call) => call.purpose === 'head').length;
    try {
      await until(() => heads() === 1 && sync.isLeader, 'the first head poll');
      // Within headOnDemandAfterMs of the last poll (the clock stands still): not on a plain ask.
      sync.requestHead();
      sync.requestHead({ now: true });
      await until(() => heads() === 2, 'a second head poll');
    } finally {
      await sync.stop();
    }
    expect(sync.isLeader).toBe(false);
  }, 60_000);

  it('records a failed step as the last error, and the next head poll clears it', async () => {
    const upstream = stubUpstream([], () => 0);
    let refusals = 1;
    upstream.refuse = () => {
      if (refusals === 0) return undefined;
      refusals -= 1;
      return new UpstreamError({
        kind: 'unavailable',
        code: 'ServiceUnavailable',
        message: 'down for a moment',
      });
    };
    const clock = { now: T0 };
    const sync = syncOver('fails', upstream, clock);
    sync.start();
    try {
      await until(
        async () =>
          (await readSyncState(store.db, 'fails'))?.lastError === 'ServiceUnavailable: down for a moment',
        'the failure recorded',
      );
      // The failed poll counts as the last one: the next comes an interval later on the data clock.
      clock.now += SETTINGS.headIntervalMs;
      await until(
        async () => (await readSyncState(store.db, 'fails'))?.headMark === clock.now,
        'the head poll again',
      );
    } finally {
      await sync.stop();
    }
    const state = await readSyncState(store.db, 'fails');
    expect(state?.lastError).toBeNull();
    expect(state?.lastErrorAt).toBe(T0);
    expect(upstream.listCalls.filter((call) => call.purpose === 'head')).toHaveLength(2);
  }, 60_000);
});
