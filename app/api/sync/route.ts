import { accountRouteAccess } from '@/lib/server/accounts/account-route';
import { handleApiRequest } from '@/lib/server/api-request';
import { jsonOk } from '@/lib/server/http';
import { syncStatus } from '@/lib/server/sync/sync-status';

/**
 * GET /api/sync[?acct=<id>] — how fresh and complete the store is: when it last matched the upstream, how far
 * the history backfill has come. Operators also get the sync's calls per second by purpose, rows in
 * flight and its last error.
 */
export function GET(request: Request): Promise<Response> {
  return handleApiRequest(request, 'sync', async () => {
    const access = await accountRouteAccess(request, { role: 'viewer' });
    if (!access.ok) return access.response;
    return jsonOk(await syncStatus(access.account.id, { detail: access.user.role === 'operator' }));
  });
}
