import 'server-only';
import type { Role } from '@/lib/roles';
import { crossSiteRefusal } from '../auth/cross-site';
import { requireRole } from '../auth/require-role';
import type { SessionUser } from '../auth/session';
import { badRequest } from '../http';
import { accountOfRequest } from './account-access';
import type { Account } from './accounts';

type AccountRouteAccess =
  | { ok: true; user: SessionUser; account: Account }
  | { ok: false; response: Response };

interface AccountRouteRules {
  /** The least role the route needs (401 without a session, 403 below it). */
  role: Role;
  /** A state change: only from the dashboard's own pages (lib/server/auth/cross-site.ts), else 403. */
  changesState?: boolean;
  /** The address's keys the route reads besides `acct`; any other is a 400 naming it. */
  keys?: readonly string[];
}

/**
 * The gate of every API route that acts on one account, in this order: the session and its role, a
 * state change's origin, the account the request names (403 for one the user may not see, the same
 * answer for one that does not exist), and nothing in the address the route does not read. The task
 * routes have the same gate in readTaskRequest, with the view's filters. Answers the refusal, or who
 * asks for which account.
 */
export async function accountRouteAccess(
  request: Request,
  rules: AccountRouteRules,
): Promise<AccountRouteAccess> {
  const access = await requireRole(rules.role);
  if (!access.ok) return access;
  if (rules.changesState) {
    const refused = crossSiteRefusal(request);
    if (refused) return { ok: false, response: refused };
  }
  const account = addressAccount(access.user, request, rules.keys);
  if (!account.ok) return account;
  return { ok: true, user: access.user, account: account.account };
}

/**
 * The address's part of the gate, for a route whose caller is already known: the account `acct`
 * names (403 for one the user may not see, the same for one that does not exist), and no key besides
 * `acct` and `keys` (400 naming each).
 */
export function addressAccount(
  user: SessionUser,
  request: Request,
  keys: readonly string[] = [],
): { ok: true; account: Account } | { ok: false; response: Response } {
  const account = accountOfRequest(user, request);
  if (!account.ok) return account;
  const known = new Set(['acct', ...keys]);
  const unknown = [...new Set(new URL(request.url).searchParams.keys())].filter((key) => !known.has(key));
  if (unknown.length > 0) {
    return {
      ok: false,
      response: badRequest(Object.fromEntries(unknown.map((key) => [key, 'is not a known key here']))),
    };
  }
  return account;
}
