import 'server-only';
import { type Role, roleAtLeast } from '@/lib/roles';
import { apiRequestWait } from '../auth/api-rate-limit';
import { clientAddress } from '../auth/client-address';
import { requireRole } from '../auth/require-role';
import type { SessionUser } from '../auth/session';
import { sessionCheckDeps } from '../auth/session-check';
import { apiRequestsPerMinute, readAuthSettings } from '../auth/settings';
import { jsonError } from '../http';
import { store } from '../store/database';
import { bearerOf, hasSessionCookie } from './bearer';
import { tokenGuessLimiter } from './token-guesses';
import { makerStanding } from './token-maker';
import { hashTokenSecret, looksLikeToken } from './token-secret';
import { type ActiveToken, lookUpToken } from './token-store';

/**
 * Who is asking on a route that takes API tokens as well as sessions (docs/tokens.md): with
 * `Authorization: Bearer`, the token — valid (401 otherwise, and 429 once the address sent too many
 * wrong ones: token-guesses.ts), of a scope that reaches `minimum` (403
 * otherwise: `read` is a viewer, `submit` an operator), within its per-minute budget like a user (429);
 * without it, the session, as requireRole. A request carrying both a token and a session cookie is
 * refused: it is either confused or a browser made to send someone's token. A token never appears in
 * an answer.
 */
export type Caller =
  | { ok: true; user: SessionUser; token: ActiveToken | null }
  | { ok: false; response: Response };

export async function requireCaller(headers: Headers, minimum: Role): Promise<Caller> {
  const bearer = bearerOf(headers);
  if (bearer.kind === 'none') {
    const access = await requireRole(minimum);
    return access.ok ? { ok: true, user: access.user, token: null } : access;
  }
  if (hasSessionCookie(headers)) {
    return refuse(400, 'AmbiguousCredentials', 'Send either an API token or a session cookie, not both.');
  }
  // Counted before the token is looked at, given back once it is a real token's.
  const address = clientAddress(headers);
  const guesses = tokenGuessLimiter();
  const guessWait = await guesses.reserve(address);
  if (guessWait > 0) return tooManyRequests(guessWait);
  if (bearer.kind === 'malformed' || !looksLikeToken(bearer.secret)) return invalidToken();
  const { db } = await store();
  const found = await lookUpToken(db, hashTokenSecret(bearer.secret), new Date());
  if (found.kind === 'unknown') return invalidToken();
  await guesses.genuine(address);
  if (found.kind === 'inactive') return invalidToken();
  const { token } = found;
  const wait = await apiRequestWait(`token:${token.id}`, apiRequestsPerMinute());
  if (wait > 0) return tooManyRequests(wait);
  // A token never does more than its maker may now (a local maker is read from AUTH_USERS_FILE as it
  // is, like their sessions): removed, or their entry another since, the token is dead; made a viewer,
  // it only reads.
  const maker = await makerStanding(token, db, sessionCheckDeps(readAuthSettings()));
  if (maker && !maker.ok) return invalidToken();
  const scopeRole: Role = token.scope === 'submit' ? 'operator' : 'viewer';
  if (minimum === 'operator' && scopeRole !== 'operator') {
    return refuse(403, 'Forbidden', 'This needs a token of the submit scope; this one may only read.');
  }
  const role: Role = maker?.ok && !roleAtLeast(maker.role, scopeRole) ? maker.role : scopeRole;
  if (!roleAtLeast(role, minimum)) {
    return refuse(403, 'Forbidden', 'The user who made this token may no longer submit.');
  }
  const accounts = maker?.ok ? narrowedAccounts(token.accounts, maker.accounts) : token.accounts;
  return {
    ok: true,
    user: { id: `token:${token.id}`, name: token.name, role, accounts },
    token,
  };
}

/** The token's accounts within its maker's current ones (null: no limit on that side). */
export function narrowedAccounts(
  tokenAccounts: string[] | null,
  makerAccounts: string[] | null,
): string[] | null {
  if (makerAccounts === null) return tokenAccounts;
  if (tokenAccounts === null) return makerAccounts;
  return tokenAccounts.filter((id) => makerAccounts.includes(id));
}

function invalidToken(): Caller {
  return {
    ok: false,
    response: jsonError(
      401,
      { code: 'Unauthorized', message: 'The API token is not valid: unknown, revoked or expired.' },
      { 'WWW-Authenticate': 'Bearer' },
    ),
  };
}

function tooManyRequests(wait: number): Caller {
  return {
    ok: false,
    response: jsonError(
      429,
      { code: 'TooManyRequests', message: `Too many requests; try again in ${wait} s.` },
      { 'Retry-After': String(wait) },
    ),
  };
}

function refuse(status: number, code: string, message: string): Caller {
  return { ok: false, response: jsonError(status, { code, message }) };
}
