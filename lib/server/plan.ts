import 'server-only';
import type { TaskQuery } from '@/lib/filters';
import { TASK_TYPES, type Task } from '@/lib/task';
import type { ResolvedWindow } from '@/lib/time-range';
import { toUpstreamTime } from '@/lib/time-range';
import type { DescribeRefreshTasksParams } from './cdn';

/**
 * Turns the URL's filters into the DescribeRefreshTasks calls that answer them exactly.
 *
 * The upstream filters by at most one type, one status and one domain per call, and accepts a status
 * or a domain only together with a type. Anything beyond that becomes a fan-out over
 * type × status × domain: disjoint streams, each newest-first, that the executor merges. What the
 * upstream cannot filter at all (reason, q, the Pending status) is filtered afterwards here.
 */

/** One upstream stream: the parameters of its calls, minus paging. */
export type StreamParams = Omit<DescribeRefreshTasksParams, 'pageNumber' | 'pageSize'>;

export interface QueryPlan {
  streams: StreamParams[];
  /** Rows the upstream returns that the user did not ask for; null when every row counts. */
  keep: ((task: Task) => boolean) | null;
}

/**
 * Statuses the upstream filters itself. `Pending` appears in answers but not in the documented
 * Status values, so it is asked for without Status and picked out afterwards.
 */
const UPSTREAM_FILTERABLE_STATUSES = new Set(['Complete', 'Refreshing', 'Failed']);

export function planQuery(query: TaskQuery, window: ResolvedWindow): QueryPlan {
  const base: StreamParams = {
    startTime: toUpstreamTime(window.startMs),
    endTime: toUpstreamTime(window.endMs),
    ...(query.task ? { taskId: query.task } : {}),
    ...(query.path ? { objectPath: query.path } : {}),
    ...(query.rg ? { resourceGroupId: query.rg } : {}),
  };

  // A failure reason lives in Description, which the upstream sets on failed tasks only: asking for
  // Failed upstream turns "read everything and filter" into "read the failures and filter".
  const wantedStatuses = query.status.length === 0 && query.reason.length > 0 ? ['Failed'] : query.status;
  // Streams must stay disjoint: if any wanted status cannot be filtered upstream, one stream
  // without Status reads them all and the status filter runs afterwards.
  const statusNeedsPostFilter = wantedStatuses.some((status) => !UPSTREAM_FILTERABLE_STATUSES.has(status));
  const upstreamStatuses: Array<string | undefined> =
    wantedStatuses.length === 0 || statusNeedsPostFilter ? [undefined] : wantedStatuses;

  const allTypesWanted = TASK_TYPES.every((type) => query.type.includes(type));
  const needsType = query.domain.length > 0 || upstreamStatuses.some((status) => status !== undefined);
  const types: Array<string | undefined> =
    query.type.length > 0 && !(allTypesWanted && !needsType)
      ? query.type
      : needsType
        ? [...TASK_TYPES]
        : [undefined];
  const domains: Array<string | undefined> = query.domain.length > 0 ? query.domain : [undefined];

  const streams: StreamParams[] = [];
  for (const objectType of types) {
    for (const status of upstreamStatuses) {
      for (const domainName of domains) {
        streams.push({
          ...base,
          ...(objectType ? { objectType } : {}),
          ...(status ? { status } : {}),
          ...(domainName ? { domainName } : {}),
        });
      }
    }
  }

  return { streams, keep: buildPostFilter(query, wantedStatuses, statusNeedsPostFilter) };
}

function buildPostFilter(
  query: TaskQuery,
  wantedStatuses: string[],
  statusNeedsPostFilter: boolean,
): QueryPlan['keep'] {
  const checks: Array<(task: Task) => boolean> = [];
  if (statusNeedsPostFilter) {
    const wanted = new Set(wantedStatuses);
    checks.push((task) => wanted.has(task.status));
  }
  if (query.reason.length > 0) {
    const reasons = new Set<string>(query.reason);
    checks.push((task) => task.reason !== null && reasons.has(task.reason));
  }
  if (query.q) {
    const needle = query.q.toLowerCase();
    checks.push((task) => task.objectPath.toLowerCase().includes(needle));
  }
  if (checks.length === 0) return null;
  return (task) => checks.every((check) => check(task));
}

/**
 * Newest first; equal times by task id (numerically, descending), then by object path, so every
 * path to a page orders rows alike. A batch of URLs shares one task id and one creation time.
 */
export function compareNewestFirst(a: Task, b: Task): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  if (a.taskId.length !== b.taskId.length) return b.taskId.length - a.taskId.length;
  if (a.taskId !== b.taskId) return a.taskId < b.taskId ? 1 : -1;
  return a.objectPath < b.objectPath ? -1 : a.objectPath > b.objectPath ? 1 : 0;
}
