import 'server-only';
import { accountOfRequest } from '../accounts/account-access';
import type { Account } from '../accounts/accounts';
import type { SessionUser } from '../auth/session';
import { badRequest } from '../http';

/**
 * The address's part of the token routes and /api/openapi.json, as on every other API route
 * (lib/server/accounts/account-route.ts): `acct`, checked against the caller's accounts (403 for
 * one they may not use, the same for one that does not exist), and no other key (400 naming each).
 * `named` says whether the address named the account (the token list filters by it only then).
 */
export function queryAccount(
  user: SessionUser,
  request: Request,
): { ok: true; account: Account; named: boolean } | { ok: false; response: Response } {
  const account = accountOfRequest(user, request);
  if (!account.ok) return account;
  const params = new URL(request.url).searchParams;
  const unknown = [...new Set(params.keys())].filter((key) => key !== 'acct');
  if (unknown.length > 0) {
    return {
      ok: false,
      response: badRequest(Object.fromEntries(unknown.map((key) => [key, 'is not a known key here']))),
    };
  }
  return { ok: true, account: account.account, named: params.has('acct') };
}
