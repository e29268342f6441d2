import { accountRouteAccess } from '@/lib/server/accounts/account-route';
import { handleApiRequest } from '@/lib/server/api-request';
import { jsonError, jsonOk } from '@/lib/server/http';
import { readJsonBody } from '@/lib/server/json-body';
import { BODY_LIMITS } from '@/lib/server/request-body';
import { createTokenBody } from '@/lib/server/tokens/token-schemas';
import { createApiToken, listApiTokens } from '@/lib/server/tokens/tokens';

/**
 * POST /api/tokens — makes an API token (operators, signed in, from the dashboard's own pages):
 * `{ name, scope, accounts?, paths?, expiresInDays? }` → 201 `{ id, token, expiresAt }`, the secret
 * answered this once. GET /api/tokens[?acct=] — the tokens within the operator's accounts (that may
 * use `acct`, when named), never a secret.
 * A token cannot make or list tokens. docs/tokens.md.
 */
export function POST(request: Request): Promise<Response> {
  return handleApiRequest(request, 'tokens-create', async () => {
    const access = await accountRouteAccess(request, { role: 'operator', changesState: true });
    if (!access.ok) return access.response;
    const parsed = await readJsonBody(request, createTokenBody, BODY_LIMITS.tokens);
    if (!parsed.ok) return 'response' in parsed ? parsed.response : invalidBody(parsed.fields);
    const creation = await createApiToken(access.user, parsed.body);
    if (!creation.ok) {
      return jsonError(403, {
        code: 'Forbidden',
        message: 'Invalid request: accounts',
        fields: creation.fields,
      });
    }
    const response = jsonOk(creation.created);
    return new Response(response.body, { status: 201, headers: response.headers });
  });
}

export function GET(request: Request): Promise<Response> {
  return handleApiRequest(request, 'tokens-list', async () => {
    const access = await accountRouteAccess(request, { role: 'operator' });
    if (!access.ok) return access.response;
    const tokens = await listApiTokens(access.user);
    // With `acct`, the tokens that may use that account.
    const accountId = access.account.id;
    const named = new URL(request.url).searchParams.has('acct');
    return jsonOk({
      tokens: named ? tokens.filter((token) => token.accounts?.includes(accountId) ?? true) : tokens,
    });
  });
}

function invalidBody(fields: Record<string, string>): Response {
  return jsonError(400, {
    code: 'BadRequest',
    message: `Invalid request: ${Object.keys(fields).join(', ')}`,
    fields,
  });
}
