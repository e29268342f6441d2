/**
 * A local session belongs to the users-file entry it signed in with, not only to the name: signed in
 * through the credentials provider and next-auth's own callbacks and JWT encoding, the session is
 * refused at its next use once the password changed in the file, or once the name was removed and
 * added again; a role change keeps it (it takes the new role).
 */
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import type { Account, User } from 'next-auth';
import { decode, encode, type JWT } from 'next-auth/jwt';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type LocalUser, withUser } from '@/lib/node/local-users';
import { setProcessSingleton } from '@/lib/node/process-singleton';
import { openStore, type Store } from '../store/database';

const { authOptions } = await import('./options');

const SECRET = 'session-identity-test-secret-0123456789';
const PASSWORD = 'first-password';
const NEW_PASSWORD = 'second-password';
const usersFile = join(mkdtempSync(join(tmpdir(), 'session-identity-')), 'users.json');

/** Written beside, then renamed, as `npm run user:add` does. */
function writeUsers(users: readonly LocalUser[]): void {
  writeFileSync(`${usersFile}.tmp`, JSON.stringify(users));
  renameSync(`${usersFile}.tmp`, usersFile);
}

/** Olga's entry as `user:add` would write it: the lowest bcrypt cost, these guard nothing. */
function added(users: readonly LocalUser[], password: string, role: LocalUser['role'] = 'operator') {
  return withUser(users, { username: 'olga', password: bcrypt.hashSync(password, 4), role }).users;
}

const options = () => authOptions({ secure: false, address: '192.0.2.10' });

/** Signs olga in as next-auth does: the provider's authorize, the jwt callback, the encrypted cookie. */
async function signIn(password: string): Promise<string> {
  const provider = options().providers[0] as unknown as {
    options: { authorize: (credentials: Record<string, string>) => Promise<User | null> };
  };
  const user = await provider.options.authorize({ username: 'olga', password });
  if (!user) throw new Error('sign-in refused');
  const account: Account = { provider: 'credentials', type: 'credentials', providerAccountId: user.id };
  const jwt = options().callbacks?.jwt;
  if (!jwt) throw new Error('no jwt callback');
  const token = await jwt({ token: { sub: user.id, name: user.name }, user, account, trigger: 'signIn' });
  return encode({ token, secret: SECRET });
}

/** One later use of the cookie: next-auth decodes it and runs the jwt callback, which may refuse it. */
async function use(cookie: string): Promise<{ ok: true; token: JWT } | { ok: false; reason: string }> {
  const token = await decode({ token: cookie, secret: SECRET });
  if (!token) throw new Error('the cookie does not decode');
  try {
    const next = await options().callbacks?.jwt?.({
      token,
      user: undefined as unknown as User,
      account: null,
    });
    return { ok: true, token: next as JWT };
  } catch (error) {
    return { ok: false, reason: (error as { reason?: string }).reason ?? String(error) };
  }
}

let opened: Promise<Store>;

beforeAll(async () => {
  vi.stubEnv('AUTH_SECRET', SECRET);
  vi.stubEnv('AUTH_USERS_FILE', usersFile);
  vi.stubEnv('AUTH_USERS_RECHECK_SECONDS', '0');
  // The revocation list (signing out) lives in the store; nobody signs out here, but every use reads it.
  opened = openStore({ databaseUrl: null, dataDir: 'memory://', historyDays: 30 });
  setProcessSingleton('store', opened);
  await opened;
}, 60_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  setProcessSingleton('store', undefined);
  await (await opened).close();
});

describe('a local session and the entry it signed in with', () => {
  let first: LocalUser[];
  beforeEach(() => {
    first = added([], PASSWORD);
    writeUsers(first);
  });

  it('keeps working while the entry is the same, and follows a role change', async () => {
    const cookie = await signIn(PASSWORD);
    expect(await use(cookie)).toMatchObject({ ok: true, token: { role: 'operator' } });
    writeUsers(withUser(first, { ...(first[0] as LocalUser), role: 'viewer' }).users);
    expect(await use(cookie)).toMatchObject({ ok: true, token: { role: 'viewer' } });
  });

  it('is refused once the password changed in the file; the new password signs in afresh', async () => {
    const cookie = await signIn(PASSWORD);
    writeUsers(added(first, NEW_PASSWORD));
    expect(await use(cookie)).toEqual({ ok: false, reason: 'credentials_changed' });
    expect(await use(await signIn(NEW_PASSWORD))).toMatchObject({ ok: true });
  });

  it('is refused for good once the user was removed, even after the same name is added again', async () => {
    const cookie = await signIn(PASSWORD);
    writeUsers([]);
    expect(await use(cookie)).toEqual({ ok: false, reason: 'user_removed' });
    // Added again with the very same password: another entry, and the old session stays refused.
    writeUsers(added([], PASSWORD));
    expect(await use(cookie)).toEqual({ ok: false, reason: 'credentials_changed' });
  });

  it('carries no password hash, only a digest of it', async () => {
    const cookie = await signIn(PASSWORD);
    const token = await decode({ token: cookie, secret: SECRET });
    const hash = (first[0] as LocalUser).password;
    expect(JSON.stringify(token)).not.toContain(hash);
    expect(JSON.stringify(token)).not.toContain(hash.slice(7, 29));
    expect(token?.entry).toEqual(expect.any(String));
  });
});
