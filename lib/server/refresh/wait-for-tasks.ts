import 'server-only';
import type { RefreshTaskState } from '@/lib/refresh-types';
import { isInFlight } from '@/lib/task';
import { tasksByIdFor } from '../tasks/view-reads';

/**
 * Follows new tasks to their end for `?wait=N`: reads their state from the store every
 * POLL_INTERVAL_MS (the sync follows young in-flight tasks every few seconds, docs/sync.md, so this
 * spends no upstream call of its own) until every one has ended, the time runs out or the caller
 * hangs up. A task the store has not seen yet is still Pending.
 */
const POLL_INTERVAL_MS = 2_000;

export interface WaitResult {
  tasks: RefreshTaskState[];
  ended: boolean;
}

export async function waitForTasks(
  accountId: string,
  tasks: readonly RefreshTaskState[],
  waitMs: number,
  signal: AbortSignal,
  read: typeof tasksByIdFor = tasksByIdFor,
  sleep: (ms: number) => Promise<void> = defaultSleep,
): Promise<WaitResult> {
  const deadline = Date.now() + waitMs;
  let current = [...tasks];
  for (;;) {
    current = await statesOf(accountId, current, read);
    const ended = current.every((task) => !isInFlight(task));
    const left = deadline - Date.now();
    if (ended || left <= 0 || signal.aborted) return { tasks: current, ended };
    await sleep(Math.min(POLL_INTERVAL_MS, left));
  }
}

async function statesOf(
  accountId: string,
  tasks: readonly RefreshTaskState[],
  read: typeof tasksByIdFor,
): Promise<RefreshTaskState[]> {
  const rows = await read(accountId, [...new Set(tasks.map((task) => task.taskId))]);
  const byKey = new Map(rows.map((row) => [`${row.taskId} ${row.objectPath}`, row.status]));
  return tasks.map((task) => ({
    ...task,
    status: byKey.get(`${task.taskId} ${task.objectPath}`) ?? task.status,
  }));
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
