/**
 * DescribeRefreshTaskById: up to 10 comma-separated task ids, every row of each (merged ids hold
 * several URLs). The cheap way to poll in-flight tasks. `Tasks` is a plain array here.
 */
import type { ActionContext, ActionResult } from './action-context';
import { ApiError } from './api-error';
import { queryTasks, viewOf } from './task-query';

const MAX_IDS = 10;

export function describeRefreshTaskById({ params, state, now }: ActionContext): ActionResult {
  const ids = params
    .required('TaskId')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (ids.length > MAX_IDS) {
    throw new ApiError(
      'InvalidTaskId.ExceedLimit',
      400,
      `At most ${MAX_IDS} task ids can be queried at once.`,
    );
  }
  if (ids.some((id) => !/^\d+$/.test(id))) {
    throw new ApiError('InvalidTaskId.Malformed', 400, 'Specified TaskId is malformed.');
  }
  const page = queryTasks(
    state.source,
    { taskIds: new Set(ids.map(Number)) },
    now,
    0,
    Number.MAX_SAFE_INTEGER,
  );
  return { TotalCount: page.total, Tasks: page.rows.map((row) => viewOf(row, now)) };
}
