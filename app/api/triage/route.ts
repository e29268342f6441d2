import type { NextRequest } from 'next/server';
import { parseFilters, toTaskQuery } from '@/lib/filters';
import { handleApiRequest } from '@/lib/server/api-request';
import { requireRole } from '@/lib/server/auth/require-role';
import { badRequest, jsonOk, upstreamErrorResponse } from '@/lib/server/http';
import { summaryJobFor } from '@/lib/server/summary-job';
import { aggregateTriage } from '@/lib/server/triage-aggregate';
import { resolveWindow } from '@/lib/time-range';

/**
 * GET /api/triage?<keys> — Origin Timeout failures grouped by domain and path prefix. Reads the
 * window through the same shared, cached read as the summary (every status, so shares are true).
 */
export function GET(request: NextRequest): Promise<Response> {
  return handleApiRequest(request, 'triage', async () => {
    const access = await requireRole('viewer');
    if (!access.ok) return access.response;

    const { filters, problems } = parseFilters(request.nextUrl.searchParams, { unknownKeys: 'report' });
    if (Object.keys(problems).length > 0) return badRequest(problems);
    const resolved = resolveWindow(filters.from, filters.to, Date.now());
    if (!resolved.ok) return badRequest({ [resolved.field]: resolved.message });

    // The share of a domain's tasks needs all of them, whatever status or reason the view is about.
    const job = summaryJobFor({ ...toTaskQuery(filters), status: [], reason: [] }, resolved.window);
    try {
      const summary = await job.done;
      return jsonOk(aggregateTriage(job.rows, job.resolvedWindow, summary.spikes, summary));
    } catch (thrown) {
      return upstreamErrorResponse(thrown);
    }
  });
}
