import type { QuotaResponse } from '@/lib/resubmit-types';
import { accountRouteAccess } from '@/lib/server/accounts/account-route';
import { handleApiRequest } from '@/lib/server/api-request';
import { jsonOk } from '@/lib/server/http';
import { describeRefreshQuota } from '@/lib/server/upstream/cdn';

/**
 * GET /api/quota[?acct=<id>] — the account's today's remaining refresh and prefetch quota (DescribeRefreshQuota), for the
 * operators who spend it. Read from the upstream on each request: the quota is the upstream's alone.
 */
export function GET(request: Request): Promise<Response> {
  return handleApiRequest(request, 'quota', async () => {
    const access = await accountRouteAccess(request, { role: 'operator' });
    if (!access.ok) return access.response;
    const body: QuotaResponse = {
      quota: await describeRefreshQuota(access.account.id),
      fetchedAt: new Date().toISOString(),
    };
    return jsonOk(body);
  });
}
