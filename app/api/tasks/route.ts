import type { NextRequest } from 'next/server';
import { parseFilters, toTaskQuery } from '@/lib/filters';
import { badRequest, jsonError, jsonOk, upstreamErrorResponse } from '@/lib/server/http';
import { currentUser } from '@/lib/server/session';
import { taskListFor } from '@/lib/server/task-list';

/** GET /api/tasks?<keys> — one page of tasks for the URL contract's filters. */
export async function GET(request: NextRequest): Promise<Response> {
  const user = await currentUser();
  if (!user) return jsonError(401, { code: 'Unauthorized', message: 'Sign in to use the API.' });

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
