import type { NextRequest } from 'next/server';
import { isValidValue } from '@/lib/filters';
import { badRequest, jsonError, jsonOk, upstreamErrorResponse } from '@/lib/server/http';
import { currentUser } from '@/lib/server/session';
import { MAX_LIVE_IDS, tasksById } from '@/lib/server/task-by-id';

/**
 * GET /api/tasks/by-id?task=<id>&task=<id>… — the current state of specific tasks, for following
 * in-flight rows. `{ tasks: [Task], fetchedAt }`.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const user = await currentUser();
  if (!user) return jsonError(401, { code: 'Unauthorized', message: 'Sign in to use the API.' });

  const params = request.nextUrl.searchParams;
  const unknown = [...new Set(params.keys())].filter((key) => key !== 'task');
  if (unknown.length > 0)
    return badRequest(Object.fromEntries(unknown.map((key) => [key, 'is not a known key here'])));
  const ids = params.getAll('task');
  if (ids.length === 0) return badRequest({ task: 'at least one task id is required' });
  if (ids.length > MAX_LIVE_IDS) return badRequest({ task: `at most ${MAX_LIVE_IDS} task ids per request` });
  const bad = ids.find((id) => !isValidValue('task', id));
  if (bad !== undefined)
    return badRequest({ task: `${JSON.stringify(bad.slice(0, 32))} is not a task id (digits)` });

  try {
    return jsonOk({ tasks: await tasksById(ids), fetchedAt: new Date().toISOString() });
  } catch (thrown) {
    return upstreamErrorResponse(thrown);
  }
}
