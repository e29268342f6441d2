import { accountRouteAccess } from '@/lib/server/accounts/account-route';
import { handleApiRequest } from '@/lib/server/api-request';
import { badRequest, jsonError, jsonOk } from '@/lib/server/http';
import { TOKEN_ID_PATTERN } from '@/lib/server/tokens/token-schemas';
import { listApiTokens, revokeApiToken } from '@/lib/server/tokens/tokens';

type Context = { params: Promise<{ id: string }> };

/**
 * GET /api/tokens/{id} — one token as the list shows it (no secret); 404 as below.
 */
export function GET(request: Request, context: Context): Promise<Response> {
  return handleApiRequest(request, 'tokens-read', async () => {
    const access = await accountRouteAccess(request, { role: 'operator' });
    if (!access.ok) return access.response;
    const id = await tokenIdOf(context);
    if (id === null) return badTokenId();
    const token = (await listApiTokens(access.user)).find((candidate) => candidate.id === id);
    return token ? jsonOk(token) : noSuchToken();
  });
}

/**
 * DELETE /api/tokens/{id} — revokes the token (operators, from the dashboard's own pages): 204, and
 * from then on the token is answered 401. 404 for a token the operator may not see or that does not
 * exist. docs/tokens.md.
 */
export function DELETE(request: Request, context: Context): Promise<Response> {
  return handleApiRequest(request, 'tokens-revoke', async () => {
    const access = await accountRouteAccess(request, { role: 'operator', changesState: true });
    if (!access.ok) return access.response;
    const id = await tokenIdOf(context);
    if (id === null) return badTokenId();
    if (!(await revokeApiToken(access.user, id))) return noSuchToken();
    return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  });
}

/** The address's token id, or null when it cannot be one. */
async function tokenIdOf(context: Context): Promise<string | null> {
  const { id } = await context.params;
  return TOKEN_ID_PATTERN.test(id) ? id : null;
}

function badTokenId(): Response {
  return badRequest({ id: 'is not a token id' });
}

function noSuchToken(): Response {
  return jsonError(404, { code: 'NotFound', message: 'No such token.' });
}
