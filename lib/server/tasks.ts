import 'server-only';
import type { TaskQuery } from '@/lib/filters';
import type { Task } from '@/lib/task';
import type { ResolvedWindow } from '@/lib/time-range';
import { describeRefreshTasks } from './cdn';
import { compareNewestFirst, planQuery } from './plan';
import { CallBudget, type DescribeFn, TaskStream } from './task-streams';

/**
 * Answers one task-list query exactly: plans the upstream calls, reads and merges the streams
 * newest-first, filters what the upstream cannot, and cuts out the requested page.
 */

/** About 14 s of the account's budget at the paced ~3.6 calls/s: the stated bound for one query. */
export const QUERY_CALL_BUDGET = 50;

export interface TaskListResult {
  tasks: Task[];
  total: number;
  /** True when the call budget ran out: `total` is then a lower bound and the page may lack rows. */
  partial: boolean;
  upstreamCalls: number;
}

export async function listTasks(
  query: TaskQuery,
  window: ResolvedWindow,
  fetchPage: DescribeFn = describeRefreshTasks,
  callBudget = QUERY_CALL_BUDGET,
): Promise<TaskListResult> {
  const plan = planQuery(query, window);
  const budget = new CallBudget(callBudget);
  const offset = (query.page - 1) * query.size;

  // The common case maps to one upstream call: let the upstream page for us.
  const only = plan.streams[0];
  if (plan.streams.length === 1 && plan.keep === null && only) {
    budget.take();
    const answer = await fetchPage({ ...only, pageNumber: query.page, pageSize: query.size });
    return {
      tasks: [...answer.tasks].sort(compareNewestFirst),
      total: answer.totalCount,
      partial: false,
      upstreamCalls: budget.callsMade,
    };
  }

  const streams = plan.streams.map((params) => new TaskStream(params, fetchPage));
  const keep = plan.keep;
  if (keep) return scanAndFilter(streams, keep, offset, query.size, budget);
  return mergePage(streams, offset, query.size, budget);
}

/** Post-filtered queries need every row to know the exact total: read all pages, then filter. */
async function scanAndFilter(
  streams: TaskStream[],
  keep: (task: Task) => boolean,
  offset: number,
  size: number,
  budget: CallBudget,
): Promise<TaskListResult> {
  await Promise.all(streams.map((stream) => stream.readNextPage(budget)));
  await Promise.all(streams.map((stream) => stream.readRemainingPages(budget)));
  const matching = streams
    .flatMap((stream) => stream.rowsRead())
    .filter(keep)
    .sort(compareNewestFirst);
  return {
    tasks: matching.slice(offset, offset + size),
    total: matching.length,
    partial: budget.exceeded,
    upstreamCalls: budget.callsMade,
  };
}

/**
 * Without a post-filter the totals add up (the streams are disjoint), and a page needs only the
 * newest `offset + size` rows: a k-way merge that reads each stream's next page only when needed.
 */
async function mergePage(
  streams: TaskStream[],
  offset: number,
  size: number,
  budget: CallBudget,
): Promise<TaskListResult> {
  await Promise.all(streams.map((stream) => stream.readNextPage(budget)));
  const total = streams.reduce((sum, stream) => sum + (stream.total ?? 0), 0);
  const rows: Task[] = [];
  let position = 0;
  for await (const row of mergeNewestFirst(streams, budget)) {
    if (position >= offset) rows.push(row);
    position += 1;
    if (rows.length >= size) break;
  }
  return { tasks: rows, total, partial: budget.exceeded, upstreamCalls: budget.callsMade };
}

/**
 * Rows of disjoint newest-first streams, merged newest-first. A stream's next page is read only
 * when its buffered rows run out, all such reads side by side. Ends early when the budget does.
 */
export async function* mergeNewestFirst(streams: TaskStream[], budget: CallBudget): AsyncGenerator<Task> {
  while (!budget.exceeded) {
    const starving = streams.filter((stream) => stream.needsRead());
    if (starving.length > 0) {
      await Promise.all(starving.map((stream) => stream.readNextPage(budget)));
      continue;
    }
    let newest: TaskStream | undefined;
    for (const stream of streams) {
      const head = stream.peek();
      const best = newest?.peek();
      if (head && (!best || compareNewestFirst(head, best) < 0)) newest = stream;
    }
    const row = newest?.take();
    if (!row) return;
    yield row;
  }
}

export interface ExportOptions {
  rowCap: number;
  callBudget: number;
}

/** Every matching row, newest first, up to the cap: for CSV export, read as it is written. */
export async function* exportRows(
  query: TaskQuery,
  window: ResolvedWindow,
  options: ExportOptions,
  fetchPage: DescribeFn = describeRefreshTasks,
): AsyncGenerator<Task, { partial: boolean; capped: boolean }> {
  const plan = planQuery(query, window);
  const budget = new CallBudget(options.callBudget);
  const streams = plan.streams.map((params) => new TaskStream(params, fetchPage));
  let written = 0;
  for await (const row of mergeNewestFirst(streams, budget)) {
    if (plan.keep && !plan.keep(row)) continue;
    if (written >= options.rowCap) return { partial: false, capped: true };
    written += 1;
    yield row;
  }
  return { partial: budget.exceeded, capped: false };
}
