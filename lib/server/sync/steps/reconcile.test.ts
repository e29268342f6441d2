import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoSeconds } from '@/lib/time-range';
import { metrics } from '../../metrics';
import { openStore, type Store } from '../../store/database';
import { upsertTasks } from '../../store/task-rows';
import { UpstreamError } from '../../upstream/upstream-error';
import { readSyncState } from '../sync-state';
import { Backfill } from './backfill';
import { Reconcile } from './reconcile';
import { RECONCILE_SLICE_MS } from './reconcile-slices';
import { MINUTE, stepHarness, T0, task } from './step-context.fixture';

let store: Store;
beforeAll(async () => {
  store = await openStore({ databaseUrl: null, dataDir: 'memory://', historyDays: 30 });
}, 60_000);
afterAll(async () => {
  await store.close();
});

/** A harness whose head mark is T0: the first slice ends at T0 less the overlap. */
async function reconciling(accountId: string) {
  const harness = await stepHarness(store, accountId);
  await harness.ctx.state.save({ headMark: T0 });
  const top = T0 - harness.ctx.settings.headOverlapMs;
  return { ...harness, top };
}

const INSIDE = T0 - 30 * MINUTE;

/** What cdnmon_sync_status_drift_total has counted for `account`. */
async function driftCounted(account: string): Promise<number> {
  const values = (await metrics().syncStatusDrift.get()).values;
  return values.find((value) => value.labels.account === account)?.value ?? 0;
}

describe('the reconcile', () => {
  it('compares the newest slice with one call and moves on when the counts agree', async () => {
    const { ctx, upstream, clock, top } = await reconciling('rc-agree');
    const rows = [task('a', INSIDE), task('b', INSIDE - MINUTE)];
    await upsertTasks(store.db, 'rc-agree', rows);
    upstream.tasks = rows;
    await new Reconcile().run(ctx, clock.now);
    expect(upstream.listCalls.map((call) => call.params)).toEqual([
      {
        startTime: isoSeconds(top - RECONCILE_SLICE_MS),
        endTime: isoSeconds(top),
        pageNumber: 1,
        pageSize: 1,
      },
    ]);
    expect((await readSyncState(store.db, 'rc-agree'))?.reconcileSlice).toBe(1);
  });

  it('reads the slice again when the upstream holds rows the store lacks', async () => {
    const { ctx, upstream, clock } = await reconciling('rc-missing');
    await upsertTasks(store.db, 'rc-missing', [task('a', INSIDE)]);
    upstream.tasks = [task('a', INSIDE), task('late', INSIDE + MINUTE)];
    await new Reconcile().run(ctx, clock.now);
    const ids = await store.db
      .selectFrom('tasks')
      .select('task_id')
      .where('account_id', '=', 'rc-missing')
      .execute();
    expect(ids.map((row) => row.task_id).sort()).toEqual(['a', 'late']);
    expect(
      upstream.listCalls
        .slice(1)
        .every((call) => call.purpose === 'reconcile' && call.params.pageSize === 100),
    ).toBe(true);
  });

  it('re-reads by id the rows whose status drifted while the counts agree, and counts the drift', async () => {
    const { ctx, upstream, clock } = await reconciling('rc-drift');
    const running = task('drifted', INSIDE, { status: 'Refreshing', progress: 50 });
    // Stored in flight ten minutes ago: the follow, not behind, would have re-read it long since.
    await upsertTasks(
      store.db,
      'rc-drift',
      [running, task('done', INSIDE)],
      new Date(clock.now - 10 * MINUTE),
    );
    upstream.tasks = [{ ...running, status: 'Complete', progress: 100 }, task('done', INSIDE)];
    await new Reconcile().run(ctx, clock.now);
    // One total, then Pending and Refreshing for the one type held in flight.
    expect(upstream.listCalls.map((call) => [call.params.objectType, call.params.status])).toEqual([
      [undefined, undefined],
      ['file', 'Pending'],
      ['file', 'Refreshing'],
    ]);
    expect(upstream.byIdCalls.map((call) => call.ids)).toEqual([['drifted']]);
    const row = await store.db
      .selectFrom('tasks')
      .select('status')
      .where('account_id', '=', 'rc-drift')
      .where('task_id', '=', 'drifted')
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('Complete');
    expect(ctx.reads.byTaskId.get('drifted')).toBe(clock.now);
    expect(await driftCounted('rc-drift')).toBe(1);
  });

  it('re-reads a row that ended right after the backfill read it in flight, without counting a drift', async () => {
    const running = task('ending', INSIDE, { status: 'Refreshing', progress: 50 });
    const { ctx, upstream, clock } = await reconciling('rc-lag');
    upstream.tasks = [running, task('done', INSIDE)];
    const backfill = new Backfill();
    while (backfill.isDue(ctx)) await backfill.run(ctx, clock.now);
    // It ends upstream a second later, before the follow's first round after the backfill.
    upstream.tasks = [{ ...running, status: 'Complete', progress: 100 }, task('done', INSIDE)];
    clock.now += 1_000;
    upstream.byIdCalls.length = 0;
    await new Reconcile().run(ctx, clock.now);
    expect(upstream.byIdCalls.map((call) => call.ids)).toEqual([['ending']]);
    const row = await store.db
      .selectFrom('tasks')
      .select('status')
      .where('account_id', '=', 'rc-lag')
      .where('task_id', '=', 'ending')
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('Complete');
    expect(await driftCounted('rc-lag')).toBe(0);
  });

  it('counts a drift when the store holds fewer rows in flight than the upstream', async () => {
    const { ctx, upstream, clock } = await reconciling('rc-fewer');
    const running = task('running', INSIDE, { status: 'Refreshing', progress: 50 });
    const other = task('other', INSIDE, { status: 'Refreshing', progress: 50 });
    await upsertTasks(
      store.db,
      'rc-fewer',
      [running, { ...other, status: 'Complete', progress: 100 }],
      new Date(clock.now),
    );
    upstream.tasks = [running, other];
    await new Reconcile().run(ctx, clock.now);
    expect(await driftCounted('rc-fewer')).toBe(1);
  });

  it('leaves out a status the upstream does not filter by, from then on', async () => {
    const { ctx, upstream, clock } = await reconciling('rc-refused');
    const running = task('running', INSIDE, { status: 'Refreshing', progress: 50 });
    await upsertTasks(store.db, 'rc-refused', [running]);
    upstream.tasks = [running];
    upstream.refuse = (params) =>
      params.status === 'Pending'
        ? new UpstreamError({ kind: 'refused', code: 'InvalidStatus.Malformed', message: 'Status' })
        : undefined;
    const reconcile = new Reconcile();
    await reconcile.run(ctx, clock.now);
    await ctx.state.save({ reconcileSlice: 0 });
    clock.now += ctx.settings.reconcileIntervalMs;
    expect(reconcile.isDue(ctx, clock.now)).toBe(true);
    await reconcile.run(ctx, clock.now);
    expect(upstream.listCalls.map((call) => call.params.status)).toEqual([
      undefined,
      'Pending',
      undefined,
      'Refreshing',
    ]);
    expect(upstream.byIdCalls).toHaveLength(0);
  });

  it('is due once a reconcile interval has passed since the last', async () => {
    const { ctx, clock } = await reconciling('rc-due');
    const reconcile = new Reconcile();
    await reconcile.run(ctx, clock.now);
    expect(reconcile.isDue(ctx, clock.now + ctx.settings.reconcileIntervalMs - 1)).toBe(false);
    expect(reconcile.isDue(ctx, clock.now + ctx.settings.reconcileIntervalMs)).toBe(true);
  });
});
