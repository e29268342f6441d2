import type { NextRequest } from 'next/server';
import { parseFilters, toTaskQuery } from '@/lib/filters';
import { handleApiRequest } from '@/lib/server/api-request';
import { requireRole } from '@/lib/server/auth/require-role';
import { badRequest, jsonOk, upstreamErrorResponse } from '@/lib/server/http';
import { summaryJobFor } from '@/lib/server/summary-job';
import { summaryNdjsonStream } from '@/lib/server/summary-stream';
import { resolveWindow } from '@/lib/time-range';

/**
 * GET /api/tasks/summary?<keys> — aggregates over the whole filtered window (product.md). Plain
 * JSON when the read is done; with `Accept: application/x-ndjson`, one snapshot per line while the
 * pages arrive, so charts can fill in progressively.
 */
export function GET(request: NextRequest): Promise<Response> {
  return handleApiRequest(request, 'tasks-summary', async () => {
    const access = await requireRole('viewer');
    if (!access.ok) return access.response;

    const { filters, problems } = parseFilters(request.nextUrl.searchParams, { unknownKeys: 'report' });
    if (Object.keys(problems).length > 0) return badRequest(problems);
    const resolved = resolveWindow(filters.from, filters.to, Date.now());
    if (!resolved.ok) return badRequest({ [resolved.field]: resolved.message });

    const job = summaryJobFor(toTaskQuery(filters), resolved.window);
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
