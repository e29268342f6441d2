import type { NextRequest } from 'next/server';
import { handleApiRequest } from '@/lib/server/api-request';
import { jsonOk, upstreamErrorResponse } from '@/lib/server/http';
import { summaryJobFor } from '@/lib/server/summary-job';
import { readTaskRequest } from '@/lib/server/task-request';
import { aggregateTriage } from '@/lib/server/triage-aggregate';

/**
 * GET /api/triage?<keys> — Origin Timeout failures grouped by domain and path prefix. Reads the
 * window through the same shared, cached read as the summary (every status, so shares are true).
 */
export function GET(request: NextRequest): Promise<Response> {
  return handleApiRequest(request, 'triage', async () => {
    const task = await readTaskRequest(request);
    if (!task.ok) return task.response;

    // The share of a domain's tasks needs all of them, whatever status or reason the view is about.
    const job = summaryJobFor({ ...task.query, status: [], reason: [] }, task.window);
    try {
      const summary = await job.done;
      return jsonOk(aggregateTriage(job.rows, job.resolvedWindow, summary.spikes, summary));
    } catch (thrown) {
      return upstreamErrorResponse(thrown);
    }
  });
}
