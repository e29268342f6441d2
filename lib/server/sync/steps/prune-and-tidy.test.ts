import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../store/database';
import { TIDY_AFTER_ROWS, TIDY_MIN_INTERVAL_MS } from '../../store/maintenance';
import { upsertTasks } from '../../store/task-rows';
import { Prune } from './prune';
import { stepHarness, T0, task } from './step-context.fixture';
import { Tidy } from './tidy';

const DAY = 86_400_000;

let store: Store;
beforeAll(async () => {
  store = await openStore({ databaseUrl: null, dataDir: 'memory://', historyDays: 30 });
}, 60_000);
afterAll(async () => {
  await store.close();
});

describe('the prune', () => {
  it('removes rows older than HISTORY_DAYS, counts them as changes, and waits an interval', async () => {
    const { ctx, clock } = await stepHarness(store, 'prune');
    await upsertTasks(store.db, 'prune', [task('old', T0 - 31 * DAY), task('kept', T0 - 29 * DAY)]);
    const prune = new Prune();
    expect(prune.isDue(ctx, clock.now)).toBe(true);
    await prune.run(ctx, clock.now);
    const ids = await store.db
      .selectFrom('tasks')
      .select('task_id')
      .where('account_id', '=', 'prune')
      .execute();
    expect(ids.map((row) => row.task_id)).toEqual(['kept']);
    expect(ctx.changes.rowsSinceTidy).toBe(1);
    expect(ctx.changes.takeUnsaved()).toBe(true);
    expect(prune.isDue(ctx, clock.now + ctx.settings.pruneIntervalMs - 1)).toBe(false);
    expect(prune.isDue(ctx, clock.now + ctx.settings.pruneIntervalMs)).toBe(true);
  });

  it('announces nothing when nothing was old enough', async () => {
    const { ctx, clock } = await stepHarness(store, 'prune-none');
    await new Prune().run(ctx, clock.now);
    expect(ctx.changes.takeUnsaved()).toBe(false);
  });
});

describe('the tidy of the embedded store', () => {
  it('waits for changed rows, then runs once the backfill is done, and not again within its interval', async () => {
    const { ctx, clock } = await stepHarness(store, 'tidy');
    const tidy = new Tidy();
    clock.now = T0 + TIDY_MIN_INTERVAL_MS;
    expect(tidy.isDue(ctx, clock.now)).toBe(false);
    ctx.changes.rowsChanged(10);
    expect(tidy.isDue(ctx, clock.now)).toBe(false);
    await ctx.state.save({ backfillDone: true });
    expect(tidy.isDue(ctx, clock.now)).toBe(true);
    await tidy.run(ctx, clock.now);
    expect(ctx.changes.rowsSinceTidy).toBe(0);
    // After the backfill's tidy, only enough changed rows call for another, an interval later.
    ctx.changes.rowsChanged(TIDY_AFTER_ROWS - 1);
    expect(tidy.isDue(ctx, clock.now + TIDY_MIN_INTERVAL_MS)).toBe(false);
    ctx.changes.rowsChanged(1);
    expect(tidy.isDue(ctx, clock.now + TIDY_MIN_INTERVAL_MS - 1)).toBe(false);
    expect(tidy.isDue(ctx, clock.now + TIDY_MIN_INTERVAL_MS)).toBe(true);
  });
});
