import type { NextRequest } from 'next/server';
import { addressAccount } from '@/lib/server/accounts/account-route';
import { handleApiRequest } from '@/lib/server/api-request';
import { jsonOk } from '@/lib/server/http';
import { openApiDocument } from '@/lib/server/openapi/openapi-document';
import { requireCaller } from '@/lib/server/tokens/token-caller';

/**
 * GET /api/openapi.json — the OpenAPI 3.1 document of the public API (lib/server/openapi/), for a
 * signed-in user or any API token. It names no account and holds no data.
 */
export function GET(request: NextRequest): Promise<Response> {
  return handleApiRequest(request, 'openapi', async () => {
    const caller = await requireCaller(request.headers, 'viewer');
    if (!caller.ok) return caller.response;
    // The address is checked as everywhere (acct and nothing else), though the document is no account's.
    const address = addressAccount(caller.user, request);
    if (!address.ok) return address.response;
    return jsonOk(openApiDocument());
  });
}
