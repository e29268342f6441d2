import 'server-only';
import type { ApiTokenInfo, CreatedToken } from '@/lib/token-types';
import { permittedAccounts } from '../accounts/account-access';
import { audit } from '../auth/audit';
import type { SessionUser } from '../auth/session';
import { sessionCheckDeps } from '../auth/session-check';
import { readAuthSettings } from '../auth/settings';
import { store } from '../store/database';
import { makerEntryOf } from './token-maker';
import type { CreateTokenBody } from './token-schemas';
import { hashTokenSecret, newTokenId, newTokenSecret } from './token-secret';
import { insertToken, listTokens, revokeToken } from './token-store';

/**
 * Making, listing and revoking API tokens for a signed-in operator (docs/tokens.md). A token never
 * reaches further than its maker: its accounts must be among theirs (all of theirs when none are
 * named), and an operator sees and revokes only the tokens within the accounts they may see.
 */
const DAY_MS = 86_400_000;

export type TokenCreation =
  | { ok: true; created: CreatedToken }
  | { ok: false; fields: Record<string, string> };

export async function createApiToken(
  user: SessionUser,
  body: CreateTokenBody,
  now = new Date(),
): Promise<TokenCreation> {
  const mine = new Set(permittedAccounts(user).map((account) => account.id));
  const foreign = (body.accounts ?? []).filter((id) => !mine.has(id));
  if (foreign.length > 0)
    return { ok: false, fields: { accounts: `not accounts you may see: ${foreign.join(', ')}` } };
  const accounts = body.accounts ? [...new Set(body.accounts)] : user.accounts === null ? null : [...mine];
  const secret = newTokenSecret();
  const id = newTokenId();
  const expiresAt = new Date(now.getTime() + body.expiresInDays * DAY_MS);
  const paths = body.paths ? [...new Set(body.paths)] : null;
  // Bound to the maker's users-file entry as it is now: their tokens end with it (token-maker.ts).
  const makerEntry = await makerEntryOf(user.id, sessionCheckDeps(readAuthSettings()));
  const { db } = await store();
  await insertToken(db, {
    id,
    secretHash: hashTokenSecret(secret),
    name: body.name,
    scope: body.scope,
    accounts,
    paths,
    createdBy: user.id,
    createdByName: user.name,
    createdAt: now,
    expiresAt,
    makerEntry,
  });
  // Who gave a pipeline which powers, for the audit trail (the secret stays out of it).
  audit({
    event: 'token.create',
    user: user.name,
    subject: user.id,
    tokenId: id,
    name: body.name,
    scope: body.scope,
    accounts,
    paths,
    expiresAt: expiresAt.toISOString(),
  });
  return { ok: true, created: { id, token: secret, expiresAt: expiresAt.toISOString() } };
}

/** Whether `user` may see (and so revoke) a token with these accounts. */
function withinUser(user: SessionUser, accounts: readonly string[] | null): boolean {
  const mine = user.accounts;
  if (mine === null) return true;
  return (accounts ?? [null]).every((id) => id !== null && mine.includes(id));
}

export async function listApiTokens(user: SessionUser, now = new Date()): Promise<ApiTokenInfo[]> {
  const { db } = await store();
  return (await listTokens(db, now)).filter((token) => withinUser(user, token.accounts));
}

/** Revokes the token; false when there is none the user may see by that id. */
export async function revokeApiToken(user: SessionUser, id: string, now = new Date()): Promise<boolean> {
  const { db } = await store();
  const token = (await listTokens(db, now)).find((candidate) => candidate.id === id);
  if (!token || !withinUser(user, token.accounts)) return false;
  const revoked = await revokeToken(db, id, now);
  // The store keeps when, not by whom: the audit line says who.
  if (revoked)
    audit({ event: 'token.revoke', user: user.name, subject: user.id, tokenId: id, name: token.name });
  return revoked;
}
