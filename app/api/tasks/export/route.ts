import type { NextRequest } from 'next/server';
import { parseFilters, toTaskQuery } from '@/lib/filters';
import { handleApiRequest } from '@/lib/server/api-request';
import { requireRole } from '@/lib/server/auth/require-role';
import { taskCsvStream } from '@/lib/server/export';
import { badRequest } from '@/lib/server/http';
import { resolveWindow } from '@/lib/time-range';

/** GET /api/tasks/export?<keys> — every row of the filtered view (all pages) as CSV, streamed. */
export function GET(request: NextRequest): Promise<Response> {
  return handleApiRequest(request, 'tasks-export', async () => {
    const access = await requireRole('viewer');
    if (!access.ok) return access.response;

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
  });
}
