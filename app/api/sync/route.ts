import { accountOfRequest } from '@/lib/server/accounts/account-access';
import { handleApiRequest } from '@/lib/server/api-request';
import { requireRole } from '@/lib/server/auth/require-role';
import { badRequest, jsonOk } from '@/lib/server/http';
import { syncStatus } from '@/lib/server/sync/sync-status';

/**
 * GET /api/sync[?acct=<id>] — how fresh and complete the store is: when it last matched the upstream, how far
 * the history backfill has come. Operators also get the sync's calls per second by purpose, rows in
 * flight and its last error.
 */
export function GET(request: Request): Promise<Response> {
  return handleApiRequest(request, 'sync', async () => {
    const access = await requireRole('viewer');
    if (!access.ok) return access.response;
    const account = accountOfRequest(access.user, request);
    if (!account.ok) return account.response;
    const keys = [...new URL(request.url).searchParams.keys()].filter((key) => key !== 'acct');
    if (keys.length > 0)
      return badRequest(Object.fromEntries(keys.map((key) => [key, 'is not a known key here'])));
    return jsonOk(await syncStatus(account.account.id, { detail: access.user.role === 'operator' }));
  });
}
