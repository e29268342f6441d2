import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoSeconds } from '@/lib/time-range';
import { openStore, type Store } from '../../store/database';
import { readSyncState } from '../sync-state';
import { oldestReadable } from '../upstream-window';
import { Backfill } from './backfill';
import { FIRST_SLICE_MS } from './backfill-slices';
import { MINUTE, stepHarness, T0, task } from './step-context.fixture';

const HOUR = 60 * MINUTE;

let store: Store;
beforeAll(async () => {
  store = await openStore({ databaseUrl: null, dataDir: 'memory://', historyDays: 30 });
}, 60_000);
afterAll(async () => {
  await store.close();
});

async function storedIds(accountId: string): Promise<string[]> {
  const rows = await store.db
    .selectFrom('tasks')
    .select('task_id')
    .where('account_id', '=', accountId)
    .execute();
  return rows.map((row) => row.task_id).sort();
}

describe('the backfill', () => {
  // 150 rows in the newest ten minutes (two pages of the first slice), then one every two hours.
  const newest = Array.from({ length: 150 }, (_, i) =>
    task(`n${String(i).padStart(3, '0')}`, T0 - i * 3_000),
  );
  const older = Array.from({ length: 36 }, (_, i) =>
    task(`o${String(i).padStart(2, '0')}`, T0 - HOUR - i * 2 * HOUR),
  );
  const tasks = [...newest, ...older];

  it('first asks how much there is, with one smallest call', async () => {
    const { ctx, upstream, clock } = await stepHarness(store, 'bf-estimate', { tasks });
    await new Backfill().run(ctx, clock.now);
    expect(upstream.listCalls).toHaveLength(1);
    expect(upstream.listCalls[0]?.params).toMatchObject({ pageSize: 1, endTime: isoSeconds(T0) });
    const withinRetention = tasks.filter((t) => Date.parse(t.createdAt) >= oldestReadable(T0)).length;
    expect((await readSyncState(store.db, 'bf-estimate'))?.backfillEstimate).toBe(withinRetention);
  });

  it('reads the newest ten minutes first, page by page, and moves the cursor once the slice is in', async () => {
    const { ctx, upstream, clock } = await stepHarness(store, 'bf-first-slice', { tasks });
    const backfill = new Backfill();
    await backfill.run(ctx, clock.now); // the estimate
    await backfill.run(ctx, clock.now);
    expect(upstream.listCalls[1]?.params).toMatchObject({
      startTime: isoSeconds(T0 - FIRST_SLICE_MS),
      endTime: isoSeconds(T0),
      pageNumber: 1,
      pageSize: 100,
    });
    expect((await readSyncState(store.db, 'bf-first-slice'))?.backfillCursor).toBe(T0);
    await backfill.run(ctx, clock.now);
    expect(upstream.listCalls[2]?.params.pageNumber).toBe(2);
    expect((await readSyncState(store.db, 'bf-first-slice'))?.backfillCursor).toBe(T0 - FIRST_SLICE_MS);
    expect(await storedIds('bf-first-slice')).toEqual(newest.map((t) => t.taskId).sort());
  });

  it("asks for the next page of a slice while it writes one: each page once, at the pacer's rate", async () => {
    const { ctx, upstream, clock } = await stepHarness(store, 'bf-ahead', { tasks });
    const backfill = new Backfill();
    await backfill.run(ctx, clock.now); // the estimate
    await backfill.run(ctx, clock.now);
    // Page 1 is in; the call for page 2 was made while it was written.
    expect(upstream.listCalls.map((call) => call.params.pageNumber)).toEqual([1, 1, 2]);
    expect(await storedIds('bf-ahead')).toEqual(
      newest
        .slice(0, 100)
        .map((t) => t.taskId)
        .sort(),
    );
    const [, first, second] = upstream.listCalls;
    expect((second?.pacerAt ?? 0) - (first?.pacerAt ?? 0)).toBe(1000 / ctx.settings.backfillRate);
    // The next step writes page 2 from that call, asks nothing more of this two-page slice, and only
    // then moves the cursor.
    await backfill.run(ctx, clock.now);
    expect(upstream.listCalls).toHaveLength(3);
    expect(await storedIds('bf-ahead')).toEqual(newest.map((t) => t.taskId).sort());
    expect((await readSyncState(store.db, 'bf-ahead'))?.backfillCursor).toBe(T0 - FIRST_SLICE_MS);
  });

  it('reads the whole retention window in slices sized by density, then says it is done', async () => {
    const { ctx, upstream, clock, pacerTime } = await stepHarness(store, 'bf-whole', { tasks });
    const backfill = new Backfill();
    let steps = 0;
    while (backfill.isDue(ctx) && steps < 200) {
      await backfill.run(ctx, clock.now);
      steps += 1;
    }
    const state = await readSyncState(store.db, 'bf-whole');
    expect(state?.backfillDone).toBe(true);
    expect(state?.backfillCursor).toBeLessThanOrEqual(oldestReadable(T0));
    const readable = tasks.filter((t) => Date.parse(t.createdAt) >= oldestReadable(T0));
    expect(await storedIds('bf-whole')).toEqual(readable.map((t) => t.taskId).sort());
    // The sparse history is read in few slices: a day at most each, not ten minutes each.
    expect(upstream.listCalls.length).toBeLessThan(12);
    // Paced at the backfill rate: the calls are spread over (calls − 1) / rate seconds.
    const calls = upstream.listCalls.length;
    expect(pacerTime()).toBeCloseTo(((calls - 1) * 1000) / ctx.settings.backfillRate, 0);
  });

  it('resumes from the saved cursor when it takes the sync again', async () => {
    const { ctx, upstream, clock } = await stepHarness(store, 'bf-resume', { tasks });
    await ctx.state.save({ backfillEstimate: 0, backfillCursor: T0 - 5 * HOUR });
    const backfill = new Backfill();
    backfill.resume();
    await backfill.run(ctx, clock.now);
    expect(upstream.listCalls[0]?.params.endTime).toBe(isoSeconds(T0 - 5 * HOUR));
  });
});
