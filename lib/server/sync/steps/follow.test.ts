import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '@/lib/task';
import { openStore, type Store } from '../../store/database';
import { upsertTasks } from '../../store/task-rows';
import { Follow } from './follow';
import { MINUTE, stepHarness, T0, task } from './step-context.fixture';

let store: Store;
beforeAll(async () => {
  store = await openStore({ databaseUrl: null, dataDir: 'memory://', historyDays: 30 });
}, 60_000);
afterAll(async () => {
  await store.close();
});

/** `count` rows the store holds as Refreshing and the upstream has finished, created a second apart. */
async function endedUpstream(accountId: string, count: number, newestAt: number): Promise<Task[]> {
  const running = Array.from({ length: count }, (_, i) =>
    task(`f${String(i).padStart(2, '0')}`, newestAt - i * 1_000, { status: 'Refreshing', progress: 10 }),
  );
  await upsertTasks(store.db, accountId, running, new Date(T0 - 30 * MINUTE));
  return running.map((t) => ({ ...t, status: 'Complete', progress: 100 }));
}

async function statuses(accountId: string): Promise<Record<string, string>> {
  const rows = await store.db
    .selectFrom('tasks')
    .select(['task_id', 'status'])
    .where('account_id', '=', accountId)
    .execute();
  return Object.fromEntries(rows.map((row) => [row.task_id, row.status]));
}

describe('the follow', () => {
  it('re-reads due in-flight rows by id, ten a call, and stamps the ends it sees', async () => {
    const { ctx, upstream, clock } = await stepHarness(store, 'follow-ends', {});
    const ended = await endedUpstream('follow-ends', 25, T0 - 30 * MINUTE);
    // The first round sees them still running; one slow interval later they have ended.
    upstream.tasks = ended.map((t) => ({ ...t, status: 'Refreshing', progress: 50 }));
    const follow = new Follow();
    await follow.run(ctx);
    const seenRunningAt = clock.now;
    upstream.byIdCalls.length = 0;
    upstream.tasks = ended;
    clock.now += ctx.settings.followSlowIntervalMs;
    await follow.run(ctx);
    expect(upstream.byIdCalls.map((call) => call.ids.length)).toEqual([10, 10, 5]);
    expect(new Set(Object.values(await statuses('follow-ends')))).toEqual(new Set(['Complete']));
    const row = await store.db
      .selectFrom('tasks')
      .select(['finished_at', 'finished_precision_ms'])
      .where('account_id', '=', 'follow-ends')
      .executeTakeFirstOrThrow();
    expect(new Date(row.finished_at ?? 0).getTime()).toBe(clock.now);
    // Seen running one slow interval (a row over ten minutes old) before.
    expect(Number(row.finished_precision_ms)).toBe(clock.now - seenRunningAt);
    expect(Number(row.finished_precision_ms)).toBe(ctx.settings.followSlowIntervalMs);
    expect(ctx.changes.rowsSinceTidy).toBe(50);
  });

  it('leaves the end unknown for rows no read of its own saw in flight (an earlier process stored them)', async () => {
    const { ctx, upstream } = await stepHarness(store, 'follow-inherited', {});
    upstream.tasks = await endedUpstream('follow-inherited', 3, T0 - 30 * MINUTE);
    await new Follow().run(ctx);
    const rows = await store.db
      .selectFrom('tasks')
      .select(['status', 'finished_at', 'finished_precision_ms'])
      .where('account_id', '=', 'follow-inherited')
      .execute();
    expect(rows.map((row) => row.status)).toEqual(['Complete', 'Complete', 'Complete']);
    for (const row of rows) expect(row).toMatchObject({ finished_at: null, finished_precision_ms: null });
  });

  it('leaves alone rows read within their interval', async () => {
    const { ctx, upstream, clock } = await stepHarness(store, 'follow-not-due', {
      settings: { followIntervalMs: 5_000 },
    });
    // Young rows, still running upstream.
    const running = [task('young', T0 - 2_000, { status: 'Pending', progress: 0 })];
    await upsertTasks(store.db, 'follow-not-due', running);
    upstream.tasks = running;
    const follow = new Follow();
    await follow.run(ctx);
    expect(upstream.byIdCalls).toHaveLength(0);
    clock.now += 3_000;
    await follow.run(ctx);
    expect(upstream.byIdCalls).toHaveLength(1);
    clock.now += 4_000;
    await follow.run(ctx);
    expect(upstream.byIdCalls).toHaveLength(1);
    clock.now += 1_000;
    await follow.run(ctx);
    expect(upstream.byIdCalls).toHaveLength(2);
  });

  it('takes what the rate covers, most overdue first, and says how far behind the rest are', async () => {
    // 0.2 calls/s over a 5 s round: one call, ten ids.
    const { ctx, upstream, clock } = await stepHarness(store, 'follow-behind', {
      settings: { followRate: 0.2 },
    });
    upstream.tasks = await endedUpstream('follow-behind', 25, T0 - 30 * MINUTE);
    const follow = new Follow();
    await follow.run(ctx);
    // The oldest (most overdue) ten: f15…f24.
    expect(upstream.byIdCalls[0]?.ids.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `f${15 + i}`));
    // f14 was due at its creation plus the slow interval.
    expect(follow.behindMs).toBe(clock.now - (T0 - 30 * MINUTE - 14_000 + ctx.settings.followSlowIntervalMs));
    clock.now += 5_000;
    await follow.run(ctx);
    // Those just read wait for their interval; the next most overdue ten: f05…f14.
    expect(upstream.byIdCalls[1]?.ids.sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `f${String(5 + i).padStart(2, '0')}`),
    );
    clock.now += 5_000;
    await follow.run(ctx);
    expect(follow.behindMs).toBe(0);
    expect(new Set(Object.values(await statuses('follow-behind')))).toEqual(new Set(['Complete']));
  });

  it('ends a round between two calls when the sync stops', async () => {
    const { ctx, upstream, stop } = await stepHarness(store, 'follow-stops', {});
    upstream.tasks = await endedUpstream('follow-stops', 25, T0 - 30 * MINUTE);
    const byId = upstream.tasksById.bind(upstream);
    upstream.tasksById = async (ids) => {
      stop();
      return byId(ids);
    };
    await new Follow().run(ctx);
    expect(upstream.byIdCalls).toHaveLength(1);
  });
});
