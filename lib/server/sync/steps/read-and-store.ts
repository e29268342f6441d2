/**
 * The reads and writes the steps share: a paced, counted `DescribeRefreshTasks` call, every page of a
 * time window, and the upsert of what came back with the precision of any end it saw.
 */
import 'server-only';
import { isInFlight, type Task } from '@/lib/task';
import { upsertTasks } from '../../store/task-rows';
import { UpstreamError } from '../../upstream/upstream-error';
import type { SyncPurpose } from '../call-stats';
import type { UpstreamReader } from '../upstream-reader';
import { oldestReadable, PAGE_SIZE, upstreamTime } from '../upstream-window';
import { finishPrecisionMs } from './finish-precision';
import { followEveryMs } from './follow-due';
import { type SyncContext, SyncStopped } from './sync-context';

type DescribeParams = Parameters<UpstreamReader['describeTasks']>[1];

/** Counts one upstream call of this purpose, for the status panel and `cdnmon_sync_calls_total`. */
export function countCall(ctx: SyncContext, purpose: SyncPurpose): void {
  ctx.calls.record(purpose);
  ctx.metrics().syncCalls.inc({ account: ctx.accountId, purpose });
}

/** What one upstream call answered, and when it was sent (the data clock): when its rows were so. */
export interface TasksRead {
  tasks: readonly Task[];
  sentAt: number;
}

/**
 * One `DescribeRefreshTasks` call on the main pacer: the backfill rate until the backfill is done,
 * the steady rate after. A throttled answer halves the pace. `onTurn` is told once the pacer's turn
 * has come and the call is on its way: the backfill then takes the next turn for its next page
 * (backfill.ts).
 */
export async function describePaced(
  ctx: SyncContext,
  purpose: SyncPurpose,
  params: DescribeParams,
  onTurn?: () => void,
) {
  const pacer = ctx.pacers.main;
  pacer.setRate(ctx.state.current.backfillDone ? ctx.settings.steadyRate : ctx.settings.backfillRate);
  await pacer.turn();
  countCall(ctx, purpose);
  const sentAt = ctx.now();
  try {
    const call = ctx.upstream.describeTasks(purpose, params);
    onTurn?.();
    const answer = await call;
    pacer.succeeded();
    return { ...answer, sentAt };
  } catch (error) {
    if (error instanceof UpstreamError && error.kind === 'throttled') pacer.throttled();
    throw error;
  }
}

/** One `DescribeRefreshTaskById` call for these ids (the caller paces and counts it). */
export async function readById(ctx: SyncContext, taskIds: string[]): Promise<TasksRead> {
  const sentAt = ctx.now();
  return { tasks: await ctx.upstream.tasksById(taskIds), sentAt };
}

/** Every page of [lo, hi] (both inclusive), upserted page by page. */
export async function readWindow(
  ctx: SyncContext,
  purpose: SyncPurpose,
  lo: number,
  hi: number,
): Promise<void> {
  if (hi < lo) return;
  for (let page = 1; ; page += 1) {
    const answer = await describePaced(ctx, purpose, {
      startTime: upstreamTime(Math.max(lo, oldestReadable(ctx.now()))),
      endTime: upstreamTime(hi),
      pageNumber: page,
      pageSize: PAGE_SIZE,
    });
    await writeTasks(ctx, answer, purpose);
    if (page * PAGE_SIZE >= answer.totalCount || answer.tasks.length === 0) return;
    // Stopping mid-read is safe: the next head poll or reconcile reads the window again.
    if (ctx.stopped()) throw new SyncStopped();
  }
}

/**
 * Upserts rows; a change is announced at the next heartbeat, so pages showing the newest tasks
 * refresh. A row seen ending is stamped with the data clock and how late that may be (docs/sync.md,
 * "Time to finish"): the head poll's interval for what it reads, else the follow's interval for the
 * row, or the time since the last call that saw it in flight was sent, when that lies further back.
 */
export async function writeTasks(ctx: SyncContext, read: TasksRead, purpose: SyncPurpose): Promise<void> {
  const now = ctx.now();
  const seenInFlight = ctx.reads.inFlightSeenAt;
  const precision = (task: Task) =>
    finishPrecisionMs({
      intervalMs:
        purpose === 'head'
          ? ctx.settings.headIntervalMs
          : followEveryMs(ctx.settings, now, Date.parse(task.createdAt)),
      seenInFlightAt: seenInFlight.get(task.taskId),
      now,
    });
  const result = await upsertTasks(ctx.store.db, ctx.accountId, read.tasks, new Date(now), precision);
  for (const task of read.tasks) {
    if (isInFlight(task)) seenInFlight.set(task.taskId, read.sentAt);
    else seenInFlight.delete(task.taskId);
  }
  if (result.inserted + result.changed === 0) return;
  ctx.changes.rowsChanged(result.inserted + result.changed);
}
