import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoSeconds } from '@/lib/time-range';
import { openStore, type Store } from '../../store/database';
import { UpstreamError } from '../../upstream/upstream-error';
import { readSyncState } from '../sync-state';
import { HEAD_AHEAD_MS, HeadPoll } from './head-poll';
import { MINUTE, stepHarness, T0, task } from './step-context.fixture';

let store: Store;
beforeAll(async () => {
  store = await openStore({ databaseUrl: null, dataDir: 'memory://', historyDays: 30 });
}, 60_000);
afterAll(async () => {
  await store.close();
});

describe('the head poll', () => {
  it('reads every page from the mark less the overlap to a while past now, then moves the mark', async () => {
    const tasks = Array.from({ length: 250 }, (_, i) => task(`h${i}`, T0 - 30_000 + i * 100));
    const { ctx, upstream, clock } = await stepHarness(store, 'head-pages', { tasks });
    clock.now = T0 + 5_500;
    await new HeadPoll().run(ctx, clock.now);

    expect(upstream.listCalls.map((call) => [call.purpose, call.params.pageNumber])).toEqual([
      ['head', 1],
      ['head', 2],
      ['head', 3],
    ]);
    // No mark yet: from where the backfill starts, less the overlap.
    expect(upstream.listCalls[0]?.params.startTime).toBe(isoSeconds(T0 - ctx.settings.headOverlapMs));
    expect(upstream.listCalls[0]?.params.endTime).toBe(isoSeconds(T0 + 5_000 + HEAD_AHEAD_MS));
    const stored = await store.db
      .selectFrom('tasks')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('account_id', '=', 'head-pages')
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(250);
    const state = await readSyncState(store.db, 'head-pages');
    expect(state).toMatchObject({ headMark: T0 + 5_000, syncedAt: T0 + 5_000, lastError: null });
    expect(ctx.changes.takeUnsaved()).toBe(true);
  });

  it('asks only up to its own now once the upstream refused an end past its clock', async () => {
    const { ctx, upstream, clock } = await stepHarness(store, 'head-ahead', { tasks: [task('a', T0)] });
    upstream.refuse = (params) =>
      params.endTime && Date.parse(params.endTime) > clock.now
        ? new UpstreamError({
            kind: 'refused',
            code: 'InvalidEndTime.Mismatch',
            message: 'EndTime is in the future',
          })
        : undefined;
    const head = new HeadPoll();
    await head.run(ctx, clock.now);
    clock.now += 5_000;
    await head.run(ctx, clock.now);
    expect(upstream.listCalls.map((call) => call.params.endTime)).toEqual([
      isoSeconds(T0 + HEAD_AHEAD_MS),
      isoSeconds(T0),
      isoSeconds(T0 + 5_000),
    ]);
    expect((await readSyncState(store.db, 'head-ahead'))?.headMark).toBe(T0 + 5_000);
  });

  it('fails as the upstream did on any other refusal', async () => {
    const { ctx, upstream, clock } = await stepHarness(store, 'head-fails');
    upstream.refuse = () =>
      new UpstreamError({ kind: 'unavailable', code: 'ServiceUnavailable', message: 'down' });
    await expect(new HeadPoll().run(ctx, clock.now)).rejects.toThrow('down');
    expect((await readSyncState(store.db, 'head-fails'))?.headMark).toBeNull();
  });

  it('is due every interval, or at once when a reader asks', async () => {
    const { ctx, clock } = await stepHarness(store, 'head-due');
    const head = new HeadPoll();
    clock.now = T0 + MINUTE;
    await head.run(ctx, clock.now);
    expect(head.isDue(ctx, clock.now + ctx.settings.headIntervalMs - 1)).toBe(false);
    expect(head.isDue(ctx, clock.now + ctx.settings.headIntervalMs)).toBe(true);
    head.request();
    expect(head.isDue(ctx, clock.now)).toBe(true);
    await head.run(ctx, clock.now);
    expect(head.isDue(ctx, clock.now)).toBe(false);
  });

  it('stamps an end it sees with the time since the poll before, when that is longer than its interval', async () => {
    const running = task('ends', T0 - MINUTE, { status: 'Refreshing', progress: 40 });
    const { ctx, upstream, clock } = await stepHarness(store, 'head-ends', { tasks: [running] });
    const head = new HeadPoll();
    await head.run(ctx, clock.now);
    upstream.tasks = [{ ...running, status: 'Complete', progress: 100 }];
    // A busy machine: the next poll comes 20 s later instead of 5.
    clock.now += 20_000;
    await head.run(ctx, clock.now);
    const row = await store.db
      .selectFrom('tasks')
      .select(['status', 'finished_at', 'finished_precision_ms'])
      .where('account_id', '=', 'head-ends')
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('Complete');
    expect(new Date(row.finished_at ?? 0).getTime()).toBe(clock.now);
    expect(Number(row.finished_precision_ms)).toBe(20_000);
  });
});
