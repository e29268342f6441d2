import type { NextRequest } from 'next/server';
import { isValidValue } from '@/lib/filters';
import { handleApiRequest, upstreamFreshness } from '@/lib/server/api-request';
import { requireRole } from '@/lib/server/auth/require-role';
import { badRequest, jsonOk, upstreamErrorResponse } from '@/lib/server/http';
import { MAX_LIVE_IDS, tasksById } from '@/lib/server/task-by-id';

/**
 * GET /api/tasks/by-id?task=<id>&task=<id>… — the current state of specific tasks, for following
 * in-flight rows. `{ tasks: [Task], fetchedAt }`.
 */
export function GET(request: NextRequest): Promise<Response> {
  return handleApiRequest(request, 'tasks-by-id', async () => {
    const access = await requireRole('viewer');
    if (!access.ok) return access.response;

    const params = request.nextUrl.searchParams;
    const unknown = [...new Set(params.keys())].filter((key) => key !== 'task');
    if (unknown.length > 0)
      return badRequest(Object.fromEntries(unknown.map((key) => [key, 'is not a known key here'])));
    const ids = params.getAll('task');
    if (ids.length === 0) return badRequest({ task: 'at least one task id is required' });
    if (ids.length > MAX_LIVE_IDS)
      return badRequest({ task: `at most ${MAX_LIVE_IDS} task ids per request` });
    const bad = ids.find((id) => !isValidValue('task', id));
    if (bad !== undefined)
      return badRequest({ task: `${JSON.stringify(bad.slice(0, 32))} is not a task id (digits)` });

    try {
      const tasks = await tasksById(ids);
      return jsonOk({ tasks, fetchedAt: upstreamFreshness().fetchedAt ?? new Date().toISOString() });
    } catch (thrown) {
      return upstreamErrorResponse(thrown);
    }
  });
}
