import type { NextRequest } from 'next/server';
import { handleApiRequest } from '@/lib/server/api-request';
import { keptJsonOk } from '@/lib/server/kept-json';
import { readTaskRequest } from '@/lib/server/tasks/task-request';
import { summaryFor } from '@/lib/server/tasks/view-reads';

/**
 * GET /api/tasks/summary?<keys> — aggregates over every row of the filtered window, from the store.
 * `Accept: application/x-ndjson` (the streamed form of earlier versions) still answers: one line,
 * the final snapshot.
 */
export function GET(request: NextRequest): Promise<Response> {
  return handleApiRequest(request, 'tasks-summary', async () => {
    const task = await readTaskRequest(request);
    if (!task.ok) return task.response;
    const summary = await summaryFor(
      task.account.id,
      task.dataFilters,
      task.window,
      task.nowMs,
      task.user.id,
    );
    if (request.headers.get('accept')?.includes('application/x-ndjson')) {
      const line = { summary, progress: { pagesRead: 1, pagesTotal: 1, done: true } };
      return new Response(`${JSON.stringify(line)}\n`, {
        headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' },
      });
    }
    return keptJsonOk(summary);
  });
}
