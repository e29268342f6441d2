import 'server-only';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import bcrypt from 'bcryptjs';
import {
  BCRYPT_COST,
  bcryptCost,
  type LocalUser,
  parseLocalUsers,
  sameUsername,
} from '@/lib/node/local-users';
import type { Role } from '@/lib/roles';
import { rootLogger } from '../logger';

/**
 * Checks a username and password against the local accounts: AUTH_USERS_FILE (read at every attempt,
 * so `npm run user:add` needs no restart) and, in demo mode only, the demo operator demo/demo.
 */
export interface AccountCheckSettings {
  demo: boolean;
  usersFile: string | null;
}

/**
 * `unknown_user` and `bad_credentials` (a known name, a wrong password) look alike to the person
 * signing in and take as long; they differ only for the audit trail, which must not record a name
 * nobody has (people type passwords into the username field).
 */
type AccountCheck =
  | { ok: true; user: { username: string; role: Role; accounts?: string[]; entry: string } }
  | { ok: false; reason: 'bad_credentials' | 'unknown_user' | 'users_file_unreadable' };

const DEMO_ACCOUNT = { username: 'demo', password: 'demo', role: 'operator' } as const;
/** The demo operator's one and only entry: it never changes. */
const DEMO_STAMP = 'demo';

/**
 * Which version of a user's entry a session signed in with: a digest of its bcrypt hash, which is new
 * whenever the password is set (bcrypt salts each hash afresh), so a password change, or the name
 * removed and added again, ends the sessions of before. A digest, not the hash: a session cookie must
 * not carry what a password could be guessed against.
 */
export function sessionStamp(user: LocalUser): string {
  return createHash('sha256').update(user.password).digest('base64url').slice(0, 22);
}

/**
 * Which entry an API token's maker had when it was made: the entry's `id` (kept through password
 * changes, new when the name is added again), or, in an entry written without one, its password
 * (nothing else tells a new password from a new user of that name).
 */
export function makerStamp(user: LocalUser): string {
  return user.id ? `id:${user.id}` : `pw:${sessionStamp(user)}`;
}

export interface LocalEntry {
  role: Role;
  accounts: string[] | null;
  /** sessionStamp of the entry: what a session is bound to. */
  session: string;
  /** makerStamp of the entry: what an API token is bound to. */
  maker: string;
}

/**
 * The current entry of a signed-in local user among `users` (the file as it is now), or null once
 * the name is gone: what a session's role and accounts are held to (session-check.ts).
 */
export function currentLocalEntry(
  username: string,
  users: readonly LocalUser[],
  demo: boolean,
): LocalEntry | null {
  const stored = users.find((user) => sameUsername(user.username, username));
  if (stored) {
    return {
      role: stored.role,
      accounts: stored.accounts ?? null,
      session: sessionStamp(stored),
      maker: makerStamp(stored),
    };
  }
  return demo && username === DEMO_ACCOUNT.username
    ? { role: DEMO_ACCOUNT.role, accounts: null, session: DEMO_STAMP, maker: DEMO_STAMP }
    : null;
}

const DUMMY_PASSWORD = 'not-a-real-password';
/** One hash per cost, made on first use: what an unknown name is compared against. */
const dummyHashes = new Map<number, Promise<string>>();

/** A hash of the given cost that no password matches in practice (its plaintext is not secret). */
function dummyHash(cost: number): Promise<string> {
  let hash = dummyHashes.get(cost);
  if (!hash) {
    hash = bcrypt.hash(DUMMY_PASSWORD, cost);
    dummyHashes.set(cost, hash);
  }
  return hash;
}

/**
 * The cost an unknown name pays: that of the accounts on file (the most common one), so a wrong name
 * costs as long as a wrong password; without accounts, what `user:add` would write.
 */
function unknownUserCost(users: readonly LocalUser[]): number {
  const counts = new Map<number, number>();
  for (const user of users) {
    const cost = bcryptCost(user.password);
    counts.set(cost, (counts.get(cost) ?? 0) + 1);
  }
  let best = BCRYPT_COST;
  let bestCount = 0;
  for (const [cost, count] of counts) {
    if (count > bestCount) {
      best = cost;
      bestCount = count;
    }
  }
  return best;
}

export async function checkLocalAccount(
  username: string,
  password: string,
  settings: AccountCheckSettings,
): Promise<AccountCheck> {
  const loaded = await loadAccounts(settings);
  if (!loaded.ok) return { ok: false, reason: 'users_file_unreadable' };
  const { users } = loaded;
  const stored = users.find((user) => sameUsername(user.username, username));
  if (stored) {
    return (await bcrypt.compare(password, stored.password))
      ? {
          ok: true,
          user: {
            username: stored.username,
            role: stored.role,
            ...(stored.accounts ? { accounts: stored.accounts } : {}),
            entry: sessionStamp(stored),
          },
        }
      : { ok: false, reason: 'bad_credentials' };
  }
  const demoName = settings.demo && username === DEMO_ACCOUNT.username;
  if (demoName && password === DEMO_ACCOUNT.password) {
    return {
      ok: true,
      user: { username: DEMO_ACCOUNT.username, role: DEMO_ACCOUNT.role, entry: DEMO_STAMP },
    };
  }
  await bcrypt.compare(password, await dummyHash(unknownUserCost(users)));
  return { ok: false, reason: demoName ? 'bad_credentials' : 'unknown_user' };
}

/**
 * The stored spelling of `username` when it names an account, else null: what the audit trail may
 * record for an attempt refused before its password was checked.
 */
export async function knownAccountName(
  username: string,
  settings: AccountCheckSettings,
): Promise<string | null> {
  const loaded = await loadAccounts(settings);
  const stored = loaded.ok ? loaded.users.find((user) => sameUsername(user.username, username)) : undefined;
  if (stored) return stored.username;
  return settings.demo && username === DEMO_ACCOUNT.username ? DEMO_ACCOUNT.username : null;
}

async function loadAccounts(
  settings: AccountCheckSettings,
): Promise<{ ok: true; users: LocalUser[] } | { ok: false }> {
  if (!settings.usersFile) return { ok: true, users: [] };
  const loaded = await loadUsersFile(settings.usersFile);
  if (!loaded.ok) {
    rootLogger().error({ problem: loaded.problem }, 'AUTH_USERS_FILE cannot be used');
    return { ok: false };
  }
  return loaded;
}

export async function loadUsersFile(
  path: string,
): Promise<{ ok: true; users: LocalUser[] } | { ok: false; problem: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    return { ok: false, problem: `${code} reading ${path}` };
  }
  return parseLocalUsers(text);
}
