import type { NextRequest } from 'next/server';
import { handleApiRequest } from '@/lib/server/api-request';
import { keptJsonOk } from '@/lib/server/kept-json';
import { readTaskRequest } from '@/lib/server/tasks/task-request';
import { taskListFor } from '@/lib/server/tasks/view-reads';

/** GET /api/tasks?<keys> — one page of tasks for the URL contract's filters, from the store. */
export function GET(request: NextRequest): Promise<Response> {
  return handleApiRequest(request, 'tasks', async () => {
    const task = await readTaskRequest(request);
    if (!task.ok) return task.response;
    return keptJsonOk(
      await taskListFor(task.account.id, task.dataFilters, task.window, task.nowMs, task.user.id),
    );
  });
}
