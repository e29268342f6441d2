import type { NextRequest } from 'next/server';
import { withUtf8Bom } from '@/lib/csv';
import { handleApiRequest } from '@/lib/server/api-request';
import { taskCsvStream } from '@/lib/server/tasks/export';
import { readTaskRequest } from '@/lib/server/tasks/task-request';
import { isoSeconds } from '@/lib/time-range';

/**
 * GET /api/tasks/export?<keys> — every row of the filtered view (all pages) as CSV, streamed; the
 * file is named after the account (`cdn-tasks-<account id>-<time>.csv`).
 */
export function GET(request: NextRequest): Promise<Response> {
  return handleApiRequest(request, 'tasks-export', async () => {
    const task = await readTaskRequest(request);
    if (!task.ok) return task.response;

    const stamp = isoSeconds(task.nowMs).replace(/:/g, '');
    return new Response(withUtf8Bom(taskCsvStream(task.account.id, task.query, task.window)), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="cdn-tasks-${task.account.id}-${stamp}.csv"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}
