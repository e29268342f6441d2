import type { NextRequest } from 'next/server';
import { parseFilters, toTaskQuery } from '@/lib/filters';
import { taskCsvStream } from '@/lib/server/export';
import { badRequest, jsonError } from '@/lib/server/http';
import { currentUser } from '@/lib/server/session';
import { resolveWindow } from '@/lib/time-range';

/** GET /api/tasks/export?<keys> — every row of the filtered view (all pages) as CSV, streamed. */
export async function GET(request: NextRequest): Promise<Response> {
  const user = await currentUser();
  if (!user) return jsonError(401, { code: 'Unauthorized', message: 'Sign in to use the API.' });

  const { filters, problems } = parseFilters(request.nextUrl.searchParams, { unknownKeys: 'report' });
  if (Object.keys(problems).length > 0) return badRequest(problems);
  const now = Date.now();
  const resolved = resolveWindow(filters.from, filters.to, now);
  if (!resolved.ok) return badRequest({ [resolved.field]: resolved.message });

  const stamp = new Date(now)
    .toISOString()
    .replace(/[:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  return new Response(taskCsvStream(toTaskQuery(filters), resolved.window), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="cdn-tasks-${stamp}.csv"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
