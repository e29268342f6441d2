import type { NextRequest } from 'next/server';
import { parseFilters, toTaskQuery } from '@/lib/filters';
import { badRequest, jsonError, jsonOk, upstreamErrorResponse } from '@/lib/server/http';
import { currentUser } from '@/lib/server/session';
import { summaryJobFor } from '@/lib/server/summary-job';
import { summaryNdjsonStream } from '@/lib/server/summary-stream';
import { resolveWindow } from '@/lib/time-range';

/**
 * GET /api/tasks/summary?<keys> — aggregates over the whole filtered window (product.md). Plain
 * JSON when the read is done; with `Accept: application/x-ndjson`, one snapshot per line while the
 * pages arrive, so charts can fill in progressively.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const user = await currentUser();
  if (!user) return jsonError(401, { code: 'Unauthorized', message: 'Sign in to use the API.' });

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
}
