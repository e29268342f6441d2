/**
 * Filtering, ordering and paging over the generated table plus the tasks created through the API.
 * A page without a filter on the rows (only a time window: what a sync reads) is found by binary
 * search, so it costs the same at 5,000 tasks as at 300,000; a filtered one is one pass over the time
 * window with typed-array reads. TotalCount is always exact.
 */
import { DOMAINS } from './dataset-catalog';
import { OBJECT_TYPES, OUTCOME_DESCRIPTIONS, TASK_STATUSES, type TaskView } from './task-model';
import { formatProcess, isFinal, progressAt, statusAt } from './task-state';
import type { TaskTable } from './task-table';
import { DAY, formatUtcSeconds } from './utc-time';

/** Only tasks of the last 3 days exist for the API. */
export const RETENTION_MS = 3 * DAY;

export interface TaskFilter {
  /** Inclusive bounds on createdAt; clipped to the retention window and to now. */
  from?: number;
  to?: number;
  taskIds?: ReadonlySet<number>;
  objectPath?: string;
  /** Domain indexes (DOMAINS); an empty set matches nothing. */
  domains?: ReadonlySet<number>;
  types?: ReadonlySet<number>;
  statuses?: ReadonlySet<number>;
}

export interface TaskRef {
  table: TaskTable;
  index: number;
}

export interface TaskPage {
  total: number;
  rows: TaskRef[];
}

/** The tables to search: `sorted` is ordered by createdAt (the data set); `appended` is small. */
export interface TaskSource {
  sorted: TaskTable;
  appended: TaskTable;
}

function matches(table: TaskTable, i: number, filter: TaskFilter, now: number): boolean {
  if (filter.types && !filter.types.has(table.type[i] ?? -1)) return false;
  if (filter.domains && !filter.domains.has(table.domain[i] ?? -1)) return false;
  if (filter.taskIds && !filter.taskIds.has(table.taskId[i] ?? -1)) return false;
  if (filter.objectPath !== undefined && table.objectPath[i] !== filter.objectPath) return false;
  if (filter.statuses && !filter.statuses.has(statusAt(table, i, now))) return false;
  return true;
}

function window(filter: TaskFilter, now: number): [number, number] {
  return [Math.max(filter.from ?? -Infinity, now - RETENTION_MS), Math.min(filter.to ?? Infinity, now)];
}

/** Reused across calls: the scan writes matching indexes here instead of allocating per request. */
let scratch = new Int32Array(1024);

/** Newest first (createdAt, then task id, then insertion order, all descending). */
export function queryTasks(
  source: TaskSource,
  filter: TaskFilter,
  now: number,
  offset: number,
  limit: number,
): TaskPage {
  const [from, to] = window(filter, now);
  const { sorted, appended } = source;
  if (!narrows(filter)) return windowPage(source, from, to, offset, limit);
  if (scratch.length < sorted.length) scratch = new Int32Array(sorted.length);
  let found = 0;
  for (let i = sorted.upperBound(to) - 1, stop = sorted.lowerBound(from); i >= stop; i--) {
    if (matches(sorted, i, filter, now)) scratch[found++] = i;
  }
  const extra: number[] = [];
  for (let i = 0; i < appended.length; i++) {
    const at = appended.createdAt[i] ?? 0;
    if (at >= from && at <= to && matches(appended, i, filter, now)) extra.push(i);
  }
  extra.sort((a, b) => newer(appended, b, appended, a));

  const rows: TaskRef[] = [];
  let s = 0;
  let e = 0;
  for (let position = 0; position < offset + limit && (s < found || e < extra.length); position++) {
    const si = scratch[s] ?? -1;
    const ei = extra[e] ?? -1;
    const takeExtra = s >= found || (e < extra.length && newer(appended, ei, sorted, si) > 0);
    const ref = takeExtra ? { table: appended, index: ei } : { table: sorted, index: si };
    if (takeExtra) e++;
    else s++;
    if (position >= offset) rows.push(ref);
  }
  return { total: found + extra.length, rows };
}

/** True when the filter keeps only some rows of its time window. */
function narrows(filter: TaskFilter): boolean {
  return (
    filter.taskIds !== undefined ||
    filter.objectPath !== undefined ||
    filter.domains !== undefined ||
    filter.types !== undefined ||
    filter.statuses !== undefined
  );
}

/**
 * A page of every row in [from, to]: the generated rows of the window are one index range, newest
 * last, so only the created rows (few) are placed among them, each by binary search; then the page
 * is read off by position. The same rows in the same order as the scan in queryTasks.
 */
function windowPage(source: TaskSource, from: number, to: number, offset: number, limit: number): TaskPage {
  const { sorted, appended } = source;
  const top = sorted.upperBound(to);
  const bottom = sorted.lowerBound(from);
  const generated = Math.max(0, top - bottom);
  const extra: number[] = [];
  for (let i = 0; i < appended.length; i++) {
    const at = appended.createdAt[i] ?? 0;
    if (at >= from && at <= to) extra.push(i);
  }
  extra.sort((a, b) => newer(appended, b, appended, a));
  // How many generated rows come before each created one in the merged order: those newer than it.
  const before = extra.map((e) => {
    let lo = 0;
    let hi = generated;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (newer(appended, e, sorted, top - 1 - mid) > 0) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  });
  const rows: TaskRef[] = [];
  const total = generated + extra.length;
  // Created rows placed before `offset`, and the generated position the page starts at.
  let e = 0;
  while (e < extra.length && (before[e] ?? 0) + e < offset) e++;
  let s = offset - e;
  for (let position = offset; position < Math.min(total, offset + limit); position++) {
    if (e < extra.length && (before[e] ?? 0) === s) {
      rows.push({ table: appended, index: extra[e] as number });
      e++;
    } else {
      rows.push({ table: sorted, index: top - 1 - s });
      s++;
    }
  }
  return { total, rows };
}

/** > 0 when row a is newer than row b. */
function newer(ta: TaskTable, a: number, tb: TaskTable, b: number): number {
  const byTime = (ta.createdAt[a] ?? 0) - (tb.createdAt[b] ?? 0);
  if (byTime !== 0) return byTime;
  const byId = (ta.taskId[a] ?? 0) - (tb.taskId[b] ?? 0);
  return byId !== 0 ? byId : a - b;
}

export interface ViewOptions {
  /** Answer `path` instead of `directory` when the caller asked with the 2018 name. */
  directoryName?: 'directory' | 'path';
}

/** The task as the API shows it at `now`. */
export function viewOf({ table, index }: TaskRef, now: number, options: ViewOptions = {}): TaskView {
  const typeName = OBJECT_TYPES[table.type[index] ?? 0] ?? 'file';
  const status = statusAt(table, index, now);
  return {
    TaskId: String(table.taskId[index] ?? 0),
    ObjectPath: table.objectPath[index] ?? '',
    ObjectType: typeName === 'directory' ? (options.directoryName ?? 'directory') : typeName,
    Status: TASK_STATUSES[status] ?? 'Pending',
    Process: formatProcess(progressAt(table, index, now), (table.bareProcess[index] ?? 0) === 1),
    CreationTime: formatUtcSeconds(table.createdAt[index] ?? 0),
    // A failure's reason only shows once the task has ended; before that it has no description.
    Description: isFinal(status) ? (OUTCOME_DESCRIPTIONS[table.outcome[index] ?? 0] ?? '') : '',
  };
}

export function domainOf({ table, index }: TaskRef): string {
  return DOMAINS[table.domain[index] ?? 0]?.name ?? '';
}
