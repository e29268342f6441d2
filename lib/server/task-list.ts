import 'server-only';
import type { TaskListResponse } from '@/lib/api-types';
import type { TaskQuery } from '@/lib/filters';
import { resolveWindow } from '@/lib/time-range';
import { listTasks } from './tasks';

export type TaskListOutcome =
  | { ok: true; body: TaskListResponse; clamped: boolean }
  | { ok: false; fields: Record<string, string> };

/**
 * One task-list answer in the API's shape, for the route handler and for the page's server-side
 * first render alike. Upstream failures are thrown as UpstreamError.
 */
export async function taskListFor(query: TaskQuery, nowMs = Date.now()): Promise<TaskListOutcome> {
  const resolved = resolveWindow(query.from, query.to, nowMs);
  if (!resolved.ok) return { ok: false, fields: { [resolved.field]: resolved.message } };
  const result = await listTasks(query, resolved.window);
  return {
    ok: true,
    clamped: resolved.window.clamped,
    body: {
      tasks: result.tasks,
      page: query.page,
      size: query.size,
      total: result.total,
      fetchedAt: new Date(nowMs).toISOString(),
      partial: result.partial,
    },
  };
}
