import type { NextRequest } from 'next/server';
import { accountRouteAccess } from '@/lib/server/accounts/account-route';
import { handleApiRequest } from '@/lib/server/api-request';
import { badRequest, jsonOk } from '@/lib/server/http';
import { tasksByIdFor } from '@/lib/server/tasks/view-reads';

/** How many ids one request may ask for: a page of 100 rows at most. */
const MAX_LIVE_IDS = 100;

/**
 * GET /api/tasks/by-id?task=<id>&task=<id>…[&acct=<id>] — the stored state of specific tasks (every row of each
 * id), which the sync keeps following while they are in flight. `{ tasks: [Task], fetchedAt }`.
 */
export function GET(request: NextRequest): Promise<Response> {
  return handleApiRequest(request, 'tasks-by-id', async () => {
    const access = await accountRouteAccess(request, { role: 'viewer', keys: ['task'] });
    if (!access.ok) return access.response;
    const ids = request.nextUrl.searchParams.getAll('task');
    if (ids.length === 0) return badRequest({ task: 'at least one task id is required' });
    if (ids.length > MAX_LIVE_IDS)
      return badRequest({ task: `at most ${MAX_LIVE_IDS} task ids per request` });
    // One id per value here (the view's `task` key also takes a comma-separated list).
    const bad = ids.find((id) => !/^\d{1,20}$/.test(id));
    if (bad !== undefined)
      return badRequest({ task: `${JSON.stringify(bad.slice(0, 32))} is not a task id (digits)` });

    const tasks = await tasksByIdFor(access.account.id, ids);
    return jsonOk({ tasks, fetchedAt: new Date().toISOString() });
  });
}
