/**
 * DescribeRefreshTasks: list refresh, prefetch and block tasks of the last 3 days, newest first, with
 * every documented filter and error. The ObjectType rule (DomainName and Status need it) is the one
 * that forces callers to fan out, so it is enforced exactly.
 */

import type { ActionContext, ActionResult } from './action-context';
import { ApiError } from './api-error';
import { DOMAINS, domainIndex } from './dataset-catalog';
import { OBJECT_TYPES, TASK_STATUSES } from './task-model';
import { queryTasks, RETENTION_MS, type TaskFilter, viewOf } from './task-query';
import { parseUtcSeconds } from './utc-time';

/** Accepted ObjectType values: current names, the 2018 `path`, and the block types some pages list. */
const OBJECT_TYPE_VALUES = ['file', 'directory', 'path', 'regex', 'preload', 'block', 'unblock'] as const;

export function describeRefreshTasks({ params, state, now }: ActionContext): ActionResult {
  const pageSize = params.integer('PageSize', 1, 100, 20);
  const pageNumber = params.integer('PageNumber', 1, 100_000, 1);
  const taskId = params.get('TaskId');
  if (taskId !== undefined && !/^\d+$/.test(taskId)) {
    throw new ApiError('InvalidTaskId.Malformed', 400, 'Specified TaskId is malformed.');
  }
  const objectType = params.oneOf(
    'ObjectType',
    OBJECT_TYPE_VALUES,
    () => new ApiError('InvalidObjectType.ValueNotSupported', 400, 'Specified ObjectType is not supported.'),
  );
  const status = params.oneOf(
    'Status',
    TASK_STATUSES,
    () => new ApiError('InvalidStatus.ValueNotSupported', 400, 'Specified Status is not supported.'),
  );
  const domainName = params.get('DomainName');
  if ((domainName !== undefined || status !== undefined) && objectType === undefined) {
    throw new ApiError(
      'MissingParameter.ObjectType',
      400,
      'The ObjectType is required when DomainName or Status is specified.',
    );
  }
  const [from, to] = timeWindow(params.get('StartTime'), params.get('EndTime'), now);

  const filter: TaskFilter = { from, to };
  if (taskId !== undefined) filter.taskIds = new Set([Number(taskId)]);
  const objectPath = params.get('ObjectPath');
  if (objectPath !== undefined) filter.objectPath = objectPath;
  if (objectType !== undefined) {
    filter.types = new Set([OBJECT_TYPES.indexOf(objectType === 'path' ? 'directory' : objectType)]);
  }
  if (status !== undefined) filter.statuses = new Set([TASK_STATUSES.indexOf(status)]);
  const domains = domainFilter(domainName, params.get('ResourceGroupId'));
  if (domains) filter.domains = domains;

  const page = queryTasks(state.source, filter, now, (pageNumber - 1) * pageSize, pageSize);
  const directoryName = objectType === 'path' ? 'path' : 'directory';
  return {
    PageNumber: pageNumber,
    PageSize: pageSize,
    TotalCount: page.total,
    Tasks: { CDNTask: page.rows.map((row) => viewOf(row, now, { directoryName })) },
  };
}

/** Both or neither; well-formed; end not before start; start within the last 3 days. */
function timeWindow(
  startText: string | undefined,
  endText: string | undefined,
  now: number,
): [number?, number?] {
  if (startText === undefined && endText === undefined) return [];
  if (startText === undefined || endText === undefined) {
    throw new ApiError('MissingTimeParameter', 400, 'StartTime and EndTime must be specified together.');
  }
  const start = parseUtcSeconds(startText);
  if (start === null)
    throw new ApiError('InvalidStartTime.Malformed', 400, 'Specified StartTime is malformed.');
  const end = parseUtcSeconds(endText);
  if (end === null) throw new ApiError('InvalidEndTime.Malformed', 400, 'Specified EndTime is malformed.');
  if (end < start)
    throw new ApiError('InvalidEndTime.Mismatch', 400, 'Specified EndTime is earlier than the StartTime.');
  if (start < now - RETENTION_MS)
    throw new ApiError('InvalidTime', 400, 'The query time cannot exceed the last 3 days.');
  return [start, end];
}

/** Domains allowed by DomainName and ResourceGroupId; undefined when neither narrows anything. */
function domainFilter(
  domainName: string | undefined,
  resourceGroupId: string | undefined,
): Set<number> | undefined {
  if (domainName === undefined && resourceGroupId === undefined) return undefined;
  const allowed = new Set<number>();
  for (const [i, domain] of DOMAINS.entries()) {
    if (resourceGroupId !== undefined && domain.resourceGroupId !== resourceGroupId) continue;
    if (domainName !== undefined && i !== domainIndex(domainName)) continue;
    allowed.add(i);
  }
  return allowed;
}
