import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '@/lib/task';
import { isoSeconds } from '@/lib/time-range';
import { openStore, type Store } from '../../store/database';
import { readSyncState } from '../sync-state';
import { oldestReadable } from '../upstream-window';
import { Backfill, READ_AHEAD } from './backfill';
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

  it("asks for the pages ahead while it writes one, across the slice's end: each page once, at the pacer's rate", async () => {
    const { ctx, upstream, clock } = await stepHarness(store, 'bf-ahead', { tasks });
    const backfill = new Backfill();
    await backfill.run(ctx, clock.now); // the estimate
    await backfill.run(ctx, clock.now);
    // Page 1 is in; while it was written, the calls for the pages after it were made: page 2, the
    // slice's last, then the first page of the slice below (sized from the first slice's total), and
    // its page below in turn — READ_AHEAD pages not yet written.
    const asked = upstream.listCalls.slice(1);
    expect(asked).toHaveLength(1 + READ_AHEAD);
    expect(asked.map((call) => [call.params.endTime, call.params.pageNumber])).toEqual([
      [isoSeconds(T0), 1],
      [isoSeconds(T0), 2],
      [isoSeconds(T0 - FIRST_SLICE_MS), 1],
      [asked[3]?.params.endTime, 1],
    ]);
    expect(Date.parse(asked[3]?.params.endTime ?? '')).toBeLessThan(T0 - FIRST_SLICE_MS);
    expect(await storedIds('bf-ahead')).toEqual(
      newest
        .slice(0, 100)
        .map((t) => t.taskId)
        .sort(),
    );
    for (let i = 1; i < upstream.listCalls.length; i += 1)
      expect((upstream.listCalls[i]?.pacerAt ?? 0) - (upstream.listCalls[i - 1]?.pacerAt ?? 0)).toBeCloseTo(
        1000 / ctx.settings.backfillRate,
        6,
      );
    // The cursor moves only once the slice's last page is written, not when it is asked for.
    expect((await readSyncState(store.db, 'bf-ahead'))?.backfillCursor).toBe(T0);
    await backfill.run(ctx, clock.now);
    expect(await storedIds('bf-ahead')).toEqual(newest.map((t) => t.taskId).sort());
    expect((await readSyncState(store.db, 'bf-ahead'))?.backfillCursor).toBe(T0 - FIRST_SLICE_MS);
    // The rest: no page is asked for twice.
    while (backfill.isDue(ctx)) await backfill.run(ctx, clock.now);
    const pages = upstream.listCalls
      .slice(1)
      .map((call) => `${call.params.startTime} ${call.params.endTime} ${call.params.pageNumber}`);
    expect(new Set(pages).size).toBe(pages.length);
  });

  it('reads a page again after its call failed, and drops what was asked beyond it', async () => {
    const { ctx, upstream, clock } = await stepHarness(store, 'bf-refused', { tasks });
    const backfill = new Backfill();
    await backfill.run(ctx, clock.now); // the estimate
    let refusals = 0;
    upstream.refuse = (params) => {
      if (params.pageNumber !== 2 || refusals > 0) return undefined;
      refusals += 1;
      return new Error('upstream down');
    };
    await backfill.run(ctx, clock.now); // page 1; page 2's call fails meanwhile
    await expect(backfill.run(ctx, clock.now)).rejects.toThrow('upstream down');
    expect((await readSyncState(store.db, 'bf-refused'))?.backfillCursor).toBe(T0);
    const before = upstream.listCalls.length;
    await backfill.run(ctx, clock.now);
    // Page 2 asked again, and the first slice is in.
    expect(upstream.listCalls[before]?.params).toMatchObject({ endTime: isoSeconds(T0), pageNumber: 2 });
    expect((await readSyncState(store.db, 'bf-refused'))?.backfillCursor).toBe(T0 - FIRST_SLICE_MS);
    while (backfill.isDue(ctx)) await backfill.run(ctx, clock.now);
    const readable = tasks.filter((t) => Date.parse(t.createdAt) >= oldestReadable(T0));
    expect(await storedIds('bf-refused')).toEqual(readable.map((t) => t.taskId).sort());
  });

  it('reads a page again after its write failed, the cursor left where it was', async () => {
    const { ctx, clock } = await stepHarness(store, 'bf-write-fails', { tasks });
    const backfill = new Backfill();
    await backfill.run(ctx, clock.now); // the estimate
    await backfill.run(ctx, clock.now); // page 1
    // The store refuses the next write (page 2, the first slice's last).
    const db = ctx.store.db;
    let failures = 0;
    Object.assign(ctx, {
      store: {
        ...ctx.store,
        db: new Proxy(db, {
          get(target, key) {
            if (key === 'insertInto' && failures === 0) {
              failures += 1;
              throw new Error('store hiccup');
            }
            const value = Reflect.get(target, key);
            return typeof value === 'function' ? value.bind(target) : value;
          },
        }),
      },
    });
    await expect(backfill.run(ctx, clock.now)).rejects.toThrow('store hiccup');
    expect((await readSyncState(store.db, 'bf-write-fails'))?.backfillCursor).toBe(T0);
    while (backfill.isDue(ctx)) await backfill.run(ctx, clock.now);
    const readable = tasks.filter((t) => Date.parse(t.createdAt) >= oldestReadable(T0));
    expect(await storedIds('bf-write-fails')).toEqual(readable.map((t) => t.taskId).sort());
  });

  it('reads on in a slice whose total grew after the pages ahead were asked for', async () => {
    const { ctx, upstream, clock } = await stepHarness(store, 'bf-grown', { tasks: [...tasks] });
    const backfill = new Backfill();
    await backfill.run(ctx, clock.now); // the estimate
    // Rows the upstream lists late at the bottom of the first slice: it holds 250 rows, not 150, from
    // page 2's call on (so the slice below was asked for as if page 2 were its last).
    const late = Array.from({ length: 100 }, (_, i) =>
      task(`l${String(i).padStart(3, '0')}`, T0 - 450_000 - i * 1_000),
    );
    upstream.refuse = (params) => {
      if (
        params.pageNumber === 2 &&
        params.endTime === isoSeconds(T0) &&
        !upstream.tasks.includes(late[0] as Task)
      )
        upstream.tasks.push(...late);
      return undefined;
    };
    await backfill.run(ctx, clock.now); // page 1
    await backfill.run(ctx, clock.now); // page 2: the slice goes on
    expect((await readSyncState(store.db, 'bf-grown'))?.backfillCursor).toBe(T0);
    await backfill.run(ctx, clock.now); // page 3, its last
    expect((await readSyncState(store.db, 'bf-grown'))?.backfillCursor).toBe(T0 - FIRST_SLICE_MS);
    while (backfill.isDue(ctx)) await backfill.run(ctx, clock.now);
    const readable = upstream.tasks.filter((t) => Date.parse(t.createdAt) >= oldestReadable(T0));
    expect(await storedIds('bf-grown')).toEqual(readable.map((t) => t.taskId).sort());
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
