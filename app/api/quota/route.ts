import type { QuotaResponse } from '@/lib/resubmit-types';
import { accountOfRequest } from '@/lib/server/accounts/account-access';
import { handleApiRequest } from '@/lib/server/api-request';
import { requireRole } from '@/lib/server/auth/require-role';
import { badRequest, jsonOk } from '@/lib/server/http';
import { describeRefreshQuota } from '@/lib/server/upstream/cdn';

/**
 * GET /api/quota[?acct=<id>] — the account's today's remaining refresh and prefetch quota (DescribeRefreshQuota), for the
 * operators who spend it. Read from the upstream on each request: the quota is the upstream's alone.
 */
export function GET(request: Request): Promise<Response> {
  return handleApiRequest(request, 'quota', async () => {
    const access = await requireRole('operator');
    if (!access.ok) return access.response;
    const account = accountOfRequest(access.user, request);
    if (!account.ok) return account.response;
    const keys = [...new URL(request.url).searchParams.keys()].filter((key) => key !== 'acct');
    if (keys.length > 0)
      return badRequest(Object.fromEntries(keys.map((key) => [key, 'is not a known key here'])));
    const body: QuotaResponse = {
      quota: await describeRefreshQuota(account.account.id),
      fetchedAt: new Date().toISOString(),
    };
    return jsonOk(body);
  });
}
