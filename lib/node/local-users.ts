/**
 * The format of AUTH_USERS_FILE: a JSON array of `{ username, password: <bcrypt hash>, role,
 * accounts?, id? }` (`accounts`: the ids of ACCOUNTS_FILE the user may see; without it, every
 * account; `id`: what tells this entry from a later one of the same name, docs/tokens.md).
 * Shared by the server (which reads it at every sign-in, so `npm run user:add` needs no restart) and
 * by scripts/user-add.ts (which writes it). Holds only hashes, never a password.
 */
import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { ROLES } from '../roles';

export const USERNAME_PATTERN = /^[A-Za-z0-9._@-]{1,64}$/;
/**
 * The bcrypt cost `npm run user:add` hashes with, and the one a sign-in for an unknown name is made
 * to pay too: a cheaper comparison would answer faster and tell which names exist.
 */
export const BCRYPT_COST = 12;
/** bcrypt's modular crypt format: $2a$/$2b$/$2y$, cost, 53 characters of salt and hash. */
const BCRYPT_HASH = /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/;

/**
 * An entry's id: made once when `user:add` adds the name, kept through password, role and account
 * changes, new when the name is removed and added again. What an API token is bound to.
 */
const ENTRY_ID = /^[A-Za-z0-9_-]{8,64}$/;

export function newEntryId(): string {
  return `u_${randomBytes(12).toString('base64url')}`;
}

const localUserSchema = z.object({
  username: z.string().regex(USERNAME_PATTERN, 'letters, digits and . _ @ - only, at most 64'),
  password: z.string().regex(BCRYPT_HASH, 'must be a bcrypt hash (use npm run user:add)'),
  role: z.enum(ROLES),
  // The pattern of an account id (lib/server/accounts/accounts-file.ts): a typo cannot widen anything, it
  // only names an account nobody has.
  accounts: z
    .array(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'an account id of ACCOUNTS_FILE'))
    .min(1, 'at least one account id; leave the field out for every account')
    .optional(),
  id: z.string().regex(ENTRY_ID, '8–64 letters, digits, _ or - (leave it to npm run user:add)').optional(),
});
export type LocalUser = z.infer<typeof localUserSchema>;

const localUsersSchema = z.array(localUserSchema).superRefine((users, context) => {
  const seen = new Set<string>();
  for (const [index, user] of users.entries()) {
    const key = user.username.toLowerCase();
    if (seen.has(key)) context.addIssue({ code: 'custom', path: [index, 'username'], message: 'duplicate' });
    seen.add(key);
  }
});

/** Parses the file's text; the error names the entry and field but never echoes a value. */
export function parseLocalUsers(
  text: string,
): { ok: true; users: LocalUser[] } | { ok: false; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not valid JSON' };
  }
  const parsed = localUsersSchema.safeParse(json);
  if (parsed.success) return { ok: true, users: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'the file';
  return { ok: false, problem: `${where}: ${issue?.message ?? 'invalid'}` };
}

/** The cost a bcrypt hash was made with (the two digits after `$2b$`). */
export function bcryptCost(hash: string): number {
  return Number(hash.slice(4, 6));
}

export function sameUsername(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * The list with `user` added (under a new id), or with the password and role of the entry of the same
 * name (any case) replaced; that entry keeps its place, its spelling, its accounts and its id (one
 * without an id is given one).
 */
export function withUser(
  users: readonly LocalUser[],
  user: Omit<LocalUser, 'id'>,
  makeId: () => string = newEntryId,
): { users: LocalUser[]; replaced: boolean } {
  const index = users.findIndex((existing) => sameUsername(existing.username, user.username));
  if (index === -1) return { users: [...users, { ...user, id: makeId() }], replaced: false };
  return {
    users: users.map((existing, i) =>
      i === index
        ? { ...existing, ...user, username: existing.username, id: existing.id ?? makeId() }
        : existing,
    ),
    replaced: true,
  };
}
