import 'server-only';
import { forbidden } from 'next/navigation';
import type { SessionUser } from '../auth/session';
import { jsonError } from '../http';
import { type Account, type AccountSummary, configuredAccounts } from './accounts';
import { ACCOUNT_ID_PATTERN } from './accounts-file';

/**
 * Who sees which account. A user may see the accounts granted to them (`accounts` of AUTH_USERS_FILE
 * as the file is now, AUTH_OIDC_ACCOUNTS_CLAIM at sign-in; every account when neither says), among those
 * configured. Every route and page asks here, with the `acct` of its address: absent, the first
 * account the user may see; any other id the user may not see is refused with 403 — unknown and
 * not-permitted alike, so the answer never tells whether an account exists, and it echoes only the
 * id the user typed, never another account's name.
 */
export function permittedAccounts(
  user: Pick<SessionUser, 'accounts'>,
  accounts: readonly Account[] = configuredAccounts(),
): Account[] {
  const granted = user.accounts;
  return granted === null ? [...accounts] : accounts.filter((account) => granted.includes(account.id));
}

/** What the browser may know of the accounts the user may see: ids and names, nothing else. */
export function accountSummaries(user: Pick<SessionUser, 'accounts'>): AccountSummary[] {
  return permittedAccounts(user).map(({ id, name }) => ({ id, name }));
}

export type AccountResolution = { ok: true; account: Account } | { ok: false; status: 403; message: string };

/** The account a request is for: `acct` (null when absent) checked against the user's grants. */
export function resolveAccount(
  user: Pick<SessionUser, 'accounts'>,
  acct: string | null,
  accounts: readonly Account[] = configuredAccounts(),
): AccountResolution {
  const permitted = permittedAccounts(user, accounts);
  if (acct === null) {
    const first = permitted[0];
    return first
      ? { ok: true, account: first }
      : { ok: false, status: 403, message: 'You may not see any account of this dashboard.' };
  }
  const account = permitted.find((candidate) => candidate.id === acct);
  if (account) return { ok: true, account };
  // The id as typed, only when it is a plausible id (never markup or a long string).
  const shown = ACCOUNT_ID_PATTERN.test(acct) ? ` "${acct}"` : '';
  return { ok: false, status: 403, message: `You may not see the account${shown}.` };
}

/** The 403 answer of an API route for an account the user may not see. */
export function accountRefusal(message: string): Response {
  return jsonError(403, { code: 'Forbidden', message, fields: { acct: 'not an account you may see' } });
}

/**
 * The account of an API request whose query string has no other keys of the URL contract (sync,
 * quota, by-id, resubmit, alerts test): `acct` from the address, checked.
 */
export function accountOfRequest(
  user: SessionUser,
  request: Request,
): { ok: true; account: Account } | { ok: false; response: Response } {
  const values = new URL(request.url).searchParams.getAll('acct');
  if (values.length > 1) {
    return { ok: false, response: jsonError(400, badAcct('may be given only once')) };
  }
  const resolved = resolveAccount(user, values[0] ?? null);
  return resolved.ok ? resolved : { ok: false, response: accountRefusal(resolved.message) };
}

function badAcct(message: string) {
  return { code: 'BadRequest', message: `Invalid query: acct ${message}`, fields: { acct: message } };
}

/**
 * The account of a page, or the 403 page (app/forbidden.tsx). Call it after requirePageUser and
 * before reading any data; `acct` as the page's address has it.
 */
export function requirePageAccount(user: SessionUser, acct: string | string[] | undefined): Account {
  const raw = Array.isArray(acct) ? null : (acct ?? null);
  if (Array.isArray(acct)) forbidden();
  const resolved = resolveAccount(user, raw);
  if (!resolved.ok) forbidden();
  return resolved.account;
}
