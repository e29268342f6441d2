import { handleApiRequest } from '@/lib/server/api-request';
import { crossSiteRefusal } from '@/lib/server/auth/cross-site';
import { requireRole } from '@/lib/server/auth/require-role';
import { badRequest, jsonError, jsonOk } from '@/lib/server/http';
import { queryAccount } from '@/lib/server/tokens/query-account';
import { TOKEN_ID_PATTERN } from '@/lib/server/tokens/token-schemas';
import { listApiTokens, revokeApiToken } from '@/lib/server/tokens/tokens';

/**
 * GET /api/tokens/{id} — one token as the list shows it (no secret); 404 as below.
 */
export function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleApiRequest(request, 'tokens-read', async () => {
    const access = await requireRole('operator');
    if (!access.ok) return access.response;
    const query = queryAccount(access.user, request);
    if (!query.ok) return query.response;
    const { id } = await context.params;
    if (!TOKEN_ID_PATTERN.test(id)) return badRequest({ id: 'is not a token id' });
    const token = (await listApiTokens(access.user)).find((candidate) => candidate.id === id);
    return token ? jsonOk(token) : jsonError(404, { code: 'NotFound', message: 'No such token.' });
  });
}

/**
 * DELETE /api/tokens/{id} — revokes the token (operators, from the dashboard's own pages): 204, and
 * from then on the token is answered 401. 404 for a token the operator may not see or that does not
 * exist. docs/tokens.md.
 */
export function DELETE(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleApiRequest(request, 'tokens-revoke', async () => {
    const access = await requireRole('operator');
    if (!access.ok) return access.response;
    const refused = crossSiteRefusal(request);
    if (refused) return refused;
    const query = queryAccount(access.user, request);
    if (!query.ok) return query.response;
    const { id } = await context.params;
    if (!TOKEN_ID_PATTERN.test(id)) return badRequest({ id: 'is not a token id' });
    if (!(await revokeApiToken(access.user, id))) {
      return jsonError(404, { code: 'NotFound', message: 'No such token.' });
    }
    return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  });
}
