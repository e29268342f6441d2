import 'server-only';
import type { TaskListResponse } from '@/lib/api-types';
import type { TaskQuery } from '@/lib/filters';
import type { ResolvedWindow } from '@/lib/time-range';
import { listTasks } from './tasks';

/**
 * One task-list answer in the API's shape, for the route handler and for the page's server-side
 * first render alike. Upstream failures are thrown as UpstreamError.
 */
export async function taskListFor(
  query: TaskQuery,
  window: ResolvedWindow,
  nowMs = Date.now(),
): Promise<TaskListResponse> {
  const result = await listTasks(query, window);
  return {
    tasks: result.tasks,
    page: query.page,
    size: query.size,
    total: result.total,
    fetchedAt: new Date(nowMs).toISOString(),
    partial: result.partial,
  };
}
