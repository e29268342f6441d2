import type { NextRequest } from 'next/server';
import { parseFilters, toTaskQuery } from '@/lib/filters';
import { requireRole } from '@/lib/server/auth/require-role';
import { badRequest, jsonOk, upstreamErrorResponse } from '@/lib/server/http';
import { taskListFor } from '@/lib/server/task-list';

/** GET /api/tasks?<keys> — one page of tasks for the URL contract's filters. */
export async function GET(request: NextRequest): Promise<Response> {
  const access = await requireRole('viewer');
  if (!access.ok) return access.response;

  const { filters, problems } = parseFilters(request.nextUrl.searchParams, { unknownKeys: 'report' });
  if (Object.keys(problems).length > 0) return badRequest(problems);

  try {
    const outcome = await taskListFor(toTaskQuery(filters));
    if (!outcome.ok) return badRequest(outcome.fields);
    return jsonOk(outcome.body);
  } catch (thrown) {
    return upstreamErrorResponse(thrown);
  }
}
