import type { NextRequest } from 'next/server';
import { handleApiRequest, upstreamFreshness } from '@/lib/server/api-request';
import { jsonOk, upstreamErrorResponse } from '@/lib/server/http';
import { taskListFor } from '@/lib/server/task-list';
import { readTaskRequest } from '@/lib/server/task-request';

/** GET /api/tasks?<keys> — one page of tasks for the URL contract's filters. */
export function GET(request: NextRequest): Promise<Response> {
  return handleApiRequest(request, 'tasks', async () => {
    const task = await readTaskRequest(request);
    if (!task.ok) return task.response;

    try {
      const body = await taskListFor(task.query, task.window, task.nowMs);
      // Answers may come from the upstream cache, or (upstream throttled) be the last good one:
      // `fetchedAt` then says how old they are, and a header says when one was stale.
      const freshness = upstreamFreshness();
      const response = jsonOk({ ...body, fetchedAt: freshness.fetchedAt ?? body.fetchedAt });
      if (freshness.stale) response.headers.set('X-Upstream-Stale', 'true');
      return response;
    } catch (thrown) {
      return upstreamErrorResponse(thrown);
    }
  });
}
