import 'server-only';
import { readFile } from 'node:fs/promises';
import bcrypt from 'bcryptjs';
import { type LocalUser, parseLocalUsers, sameUsername } from '@/lib/local-users';
import type { Role } from '@/lib/roles';

/**
 * Checks a username and password against the local accounts: AUTH_USERS_FILE (read at every attempt,
 * so `npm run user:add` needs no restart) and, in demo mode only, the demo operator demo/demo.
 */
export interface AccountCheckSettings {
  demo: boolean;
  usersFile: string | null;
}

export type AccountCheck =
  | { ok: true; user: { username: string; role: Role } }
  | { ok: false; reason: 'bad_credentials' | 'users_file_unreadable' };

export const DEMO_ACCOUNT = { username: 'demo', password: 'demo', role: 'operator' } as const;

/** Compared against when the name is unknown, so a wrong name costs as long as a wrong password. */
const DUMMY_HASH = bcrypt.hashSync('not-a-real-password', 10);

export async function checkLocalAccount(
  username: string,
  password: string,
  settings: AccountCheckSettings,
): Promise<AccountCheck> {
  let users: LocalUser[] = [];
  if (settings.usersFile) {
    const loaded = await loadUsersFile(settings.usersFile);
    if (!loaded.ok) {
      console.error(`[auth] AUTH_USERS_FILE cannot be used: ${loaded.problem}`);
      return { ok: false, reason: 'users_file_unreadable' };
    }
    users = loaded.users;
  }
  const stored = users.find((user) => sameUsername(user.username, username));
  if (stored) {
    return (await bcrypt.compare(password, stored.password))
      ? { ok: true, user: { username: stored.username, role: stored.role } }
      : { ok: false, reason: 'bad_credentials' };
  }
  if (settings.demo && username === DEMO_ACCOUNT.username && password === DEMO_ACCOUNT.password) {
    return { ok: true, user: { username: DEMO_ACCOUNT.username, role: DEMO_ACCOUNT.role } };
  }
  await bcrypt.compare(password, DUMMY_HASH);
  return { ok: false, reason: 'bad_credentials' };
}

async function loadUsersFile(
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
