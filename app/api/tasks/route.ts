import type { NextRequest } from 'next/server';
import { parseFilters, toTaskQuery } from '@/lib/filters';
import { handleApiRequest, upstreamFreshness } from '@/lib/server/api-request';
import { requireRole } from '@/lib/server/auth/require-role';
import { badRequest, jsonOk, upstreamErrorResponse } from '@/lib/server/http';
import { taskListFor } from '@/lib/server/task-list';

/** GET /api/tasks?<keys> — one page of tasks for the URL contract's filters. */
export function GET(request: NextRequest): Promise<Response> {
  return handleApiRequest(request, 'tasks', async () => {
    const access = await requireRole('viewer');
    if (!access.ok) return access.response;

    const { filters, problems } = parseFilters(request.nextUrl.searchParams, { unknownKeys: 'report' });
    if (Object.keys(problems).length > 0) return badRequest(problems);

    try {
      const outcome = await taskListFor(toTaskQuery(filters));
      if (!outcome.ok) return badRequest(outcome.fields);
      // Answers may come from the upstream cache, or (upstream throttled) be the last good one:
      // `fetchedAt` then says how old they are, and a header says when one was stale.
      const freshness = upstreamFreshness();
      const response = jsonOk({ ...outcome.body, fetchedAt: freshness.fetchedAt ?? outcome.body.fetchedAt });
      if (freshness.stale) response.headers.set('X-Upstream-Stale', 'true');
      return response;
    } catch (thrown) {
      return upstreamErrorResponse(thrown);
    }
  });
}
