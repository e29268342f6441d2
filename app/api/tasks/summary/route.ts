import type { NextRequest } from 'next/server';
import { handleApiRequest } from '@/lib/server/api-request';
import { jsonOk, upstreamErrorResponse } from '@/lib/server/http';
import { summaryJobFor } from '@/lib/server/summary-job';
import { summaryNdjsonStream } from '@/lib/server/summary-stream';
import { readTaskRequest } from '@/lib/server/task-request';

/**
 * GET /api/tasks/summary?<keys> — aggregates over the whole filtered window (product.md). Plain
 * JSON when the read is done; with `Accept: application/x-ndjson`, one snapshot per line while the
 * pages arrive, so charts can fill in progressively.
 */
export function GET(request: NextRequest): Promise<Response> {
  return handleApiRequest(request, 'tasks-summary', async () => {
    const task = await readTaskRequest(request);
    if (!task.ok) return task.response;

    const job = summaryJobFor(task.query, task.window);
    if (request.headers.get('accept')?.includes('application/x-ndjson')) {
      return new Response(summaryNdjsonStream(job, request.signal), {
        headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' },
      });
    }
    try {
      return jsonOk(await job.done);
    } catch (thrown) {
      return upstreamErrorResponse(thrown);
    }
  });
}
