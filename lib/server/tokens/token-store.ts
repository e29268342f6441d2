/**
 * The API tokens in the store (migrations/0006-tokens-and-activity.ts): made, listed, found by the hash of a
 * presented secret, revoked. Nothing here sees a secret, only its hash.
 */
import 'server-only';
import type { Kysely, Selectable } from 'kysely';
import type { ApiTokenInfo, TokenGrant, TokenState } from '@/lib/token-types';
import type { ApiTokensTable, Database } from '../store/schema';

export interface NewToken extends TokenGrant {
  secretHash: string;
  /** The creator's user id. */
  createdBy: string;
  createdByName: string;
  createdAt: Date;
  expiresAt: Date;
  /** The maker's users-file entry (makerStamp); null for a maker without one (single sign-on). */
  makerEntry: string | null;
}

/** A token a request presented, as the gate needs it. */
export interface ActiveToken extends TokenGrant {
  /** The creator's user id. */
  createdBy: string;
  /** The maker's users-file entry it was made under; null: none recorded (see NewToken). */
  makerEntry: string | null;
}

/**
 * What a presented secret is: an active token's, a real token's that was revoked or has expired, or
 * nobody's (a guess, as far as the dashboard can tell).
 */
export type TokenLookup = { kind: 'active'; token: ActiveToken } | { kind: 'inactive' } | { kind: 'unknown' };

type Row = Selectable<ApiTokensTable>;

export async function insertToken(db: Kysely<Database>, token: NewToken): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({
      id: token.id,
      secret_hash: token.secretHash,
      name: token.name,
      scope: token.scope,
      accounts: token.accounts === null ? null : JSON.stringify(token.accounts),
      paths: token.paths === null ? null : JSON.stringify(token.paths),
      created_by: token.createdBy,
      created_by_name: token.createdByName,
      created_at: token.createdAt,
      expires_at: token.expiresAt,
      maker_entry: token.makerEntry,
    })
    .execute();
}

/**
 * The token whose secret hashes to `secretHash`, active when it is neither revoked nor expired at
 * `now`; an active token's last use is noted (at most once a minute, so a busy pipeline does not
 * write on every request).
 */
export async function lookUpToken(db: Kysely<Database>, secretHash: string, now: Date): Promise<TokenLookup> {
  const row = await db
    .selectFrom('api_tokens')
    .select([
      'id',
      'name',
      'scope',
      'accounts',
      'paths',
      'created_by',
      'expires_at',
      'revoked_at',
      'last_used_at',
      'maker_entry',
    ])
    .where('secret_hash', '=', secretHash)
    .executeTakeFirst();
  if (!row) return { kind: 'unknown' };
  if (row.revoked_at !== null || toDate(row.expires_at).getTime() <= now.getTime())
    return { kind: 'inactive' };
  const lastUsed = row.last_used_at === null ? 0 : toDate(row.last_used_at).getTime();
  if (now.getTime() - lastUsed >= 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return {
    kind: 'active',
    token: { ...grantOf(row), createdBy: row.created_by, makerEntry: row.maker_entry },
  };
}

/**
 * Binds a token made before makers' entries were recorded to `entry` (the maker's now), once: the
 * first request to see it decides, and a later one finds it bound. The entry it is bound to after.
 */
export async function bindMakerEntry(
  db: Kysely<Database>,
  id: string,
  entry: string,
): Promise<string | null> {
  await db
    .updateTable('api_tokens')
    .set({ maker_entry: entry })
    .where('id', '=', id)
    .where('maker_entry', 'is', null)
    .execute();
  const row = await db.selectFrom('api_tokens').select('maker_entry').where('id', '=', id).executeTakeFirst();
  return row?.maker_entry ?? null;
}

/** Every token, newest first (revoked and expired ones included, marked so). */
export async function listTokens(db: Kysely<Database>, now: Date): Promise<ApiTokenInfo[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((row) => tokenInfo(row, now));
}

/** Revokes the token (once: a second revocation keeps the first time); false when there is none. */
export async function revokeToken(db: Kysely<Database>, id: string, now: Date): Promise<boolean> {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
  return (
    (await db.selectFrom('api_tokens').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
  );
}

function tokenInfo(row: Row, now: Date): ApiTokenInfo {
  const expiresAt = toDate(row.expires_at);
  const revokedAt = row.revoked_at === null ? null : toDate(row.revoked_at);
  const state: TokenState =
    revokedAt !== null ? 'revoked' : expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
  return {
    ...grantOf(row),
    createdBy: row.created_by_name,
    createdAt: toDate(row.created_at).toISOString(),
    expiresAt: expiresAt.toISOString(),
    revokedAt: revokedAt?.toISOString() ?? null,
    lastUsedAt: row.last_used_at === null ? null : toDate(row.last_used_at).toISOString(),
    state,
  };
}

function grantOf(row: Pick<Row, 'id' | 'name' | 'scope' | 'accounts' | 'paths'>): TokenGrant {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    accounts: jsonList(row.accounts),
    paths: jsonList(row.paths),
  };
}

/** A jsonb list as the driver answers it: parsed already (pg, PGlite), or as text. */
function jsonList(value: unknown): string[] | null {
  const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : null;
}

function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}
