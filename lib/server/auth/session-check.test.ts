import { describe, expect, it } from 'vitest';
import type { LocalUser } from '@/lib/node/local-users';
import { sessionStamp } from './local-accounts';
import { checkSession, SESSION_MAX_AGE_SECONDS, type SessionCheckDeps } from './session-check';
import type { SessionRevocations } from './session-revocations';

const HASH = '$2b$04$abcdefghijklmnopqrstuu5Tq9gBn0xYjC5mF1ufJ0fQ2Q3VtQG3a';
/** The same user's password set again (another salt, another hash). */
const NEW_HASH = '$2b$04$zyxwvutsrqponmlkjihgfeOq2mKq7xV0lEo1cJ9kHn4dB8rT6sWyu';
const SIGNED_IN_AT = Date.UTC(2026, 0, 5, 9);

function revocationList(): SessionRevocations & { ids: Set<string> } {
  const ids = new Set<string>();
  return {
    ids,
    revoke: async (id) => void ids.add(id),
    isRevoked: async (id) => ids.has(id),
  };
}

function deps(users: LocalUser[], overrides: Partial<SessionCheckDeps> = {}): SessionCheckDeps {
  return {
    now: () => SIGNED_IN_AT + 60_000,
    revocations: revocationList(),
    localUsers: async () => ({ ok: true, users }),
    demo: false,
    ...overrides,
  };
}

const local = (name: string, extra: object = {}) => ({
  sub: `local:${name}`,
  provider: 'credentials',
  role: 'operator',
  sid: `sid-${name}`,
  signedInAt: SIGNED_IN_AT,
  entry: sessionStamp({ username: name, password: HASH, role: 'viewer' }),
  ...extra,
});

describe('checkSession', () => {
  it('holds a local account to its current entry: role and accounts from the file, not from sign-in', async () => {
    const users: LocalUser[] = [{ username: 'Olga', password: HASH, role: 'viewer', accounts: ['acct-b'] }];
    expect(await checkSession(local('olga', { accounts: ['acct-a'] }), deps(users))).toEqual({
      ok: true,
      role: 'viewer',
      accounts: ['acct-b'],
    });
    const everyAccount: LocalUser[] = [{ username: 'olga', password: HASH, role: 'operator' }];
    expect(await checkSession(local('olga', { accounts: ['acct-a'] }), deps(everyAccount))).toEqual({
      ok: true,
      role: 'operator',
      accounts: null,
    });
  });

  it('refuses a local account that is no longer in the file', async () => {
    const users: LocalUser[] = [{ username: 'rex', password: HASH, role: 'viewer' }];
    expect(await checkSession(local('olga'), deps(users))).toEqual({ ok: false, reason: 'user_removed' });
  });

  it('refuses a local session once its entry’s password was set again, the role notwithstanding', async () => {
    const users: LocalUser[] = [
      { username: 'olga', password: NEW_HASH, role: 'operator', id: 'u_olga-entry' },
    ];
    expect(await checkSession(local('olga'), deps(users))).toEqual({
      ok: false,
      reason: 'credentials_changed',
    });
  });

  it('looks at the file again before refusing a session whose entry differs from the one last read', async () => {
    const before: LocalUser[] = [{ username: 'olga', password: NEW_HASH, role: 'operator' }];
    const now: LocalUser[] = [{ username: 'olga', password: HASH, role: 'operator' }];
    const looks: boolean[] = [];
    const localUsers = async (options?: { fresh?: boolean }) => {
      looks.push(options?.fresh ?? false);
      return { ok: true as const, users: options?.fresh ? now : before };
    };
    expect(await checkSession(local('olga'), deps([], { localUsers }))).toMatchObject({ ok: true });
    expect(looks).toEqual([false, true]);
  });

  it('refuses a local session without the entry it signed in with (made before sessions carried one)', async () => {
    const users: LocalUser[] = [{ username: 'olga', password: HASH, role: 'operator' }];
    expect(await checkSession(local('olga', { entry: undefined }), deps(users))).toEqual({
      ok: false,
      reason: 'incomplete',
    });
  });

  it('refuses a local session while the file cannot be read', async () => {
    const broken = deps([], { localUsers: async () => ({ ok: false, problem: 'not valid JSON' }) });
    expect(await checkSession(local('olga'), broken)).toEqual({ ok: false, reason: 'users_file_unreadable' });
  });

  it('keeps the demo operator only while demo mode is on', async () => {
    expect(await checkSession(local('demo', { entry: 'demo' }), deps([], { demo: true }))).toEqual({
      ok: true,
      role: 'operator',
      accounts: null,
    });
    expect(await checkSession(local('demo', { entry: 'demo' }), deps([]))).toEqual({
      ok: false,
      reason: 'user_removed',
    });
  });

  it('ends every session 12 h after sign-in, however recently it was used', async () => {
    const oidc = { sub: 'oidc:abc', provider: 'oidc', role: 'operator', sid: 's', signedInAt: SIGNED_IN_AT };
    const end = SIGNED_IN_AT + SESSION_MAX_AGE_SECONDS * 1000;
    expect(await checkSession(oidc, deps([], { now: () => end - 1 }))).toEqual({
      ok: true,
      role: 'operator',
      accounts: null,
    });
    expect(await checkSession(oidc, deps([], { now: () => end }))).toEqual({ ok: false, reason: 'expired' });
  });

  it('keeps the role and accounts a single sign-on decided at sign-in', async () => {
    const oidc = {
      sub: 'oidc:abc',
      provider: 'oidc',
      role: 'viewer',
      accounts: ['acct-a'],
      sid: 's',
      signedInAt: SIGNED_IN_AT,
    };
    expect(await checkSession(oidc, deps([]))).toEqual({ ok: true, role: 'viewer', accounts: ['acct-a'] });
  });

  it('refuses a signed-out session', async () => {
    const revocations = revocationList();
    await revocations.revoke('sid-olga', SIGNED_IN_AT + 1);
    const users: LocalUser[] = [{ username: 'olga', password: HASH, role: 'operator' }];
    expect(await checkSession(local('olga'), deps(users, { revocations }))).toEqual({
      ok: false,
      reason: 'revoked',
    });
    expect(
      await checkSession(local('olga', { sid: 'sid-other' }), deps(users, { revocations })),
    ).toMatchObject({
      ok: true,
    });
  });

  it('refuses a token without a session id or sign-in time (made before either existed)', async () => {
    const users: LocalUser[] = [{ username: 'olga', password: HASH, role: 'operator' }];
    expect(await checkSession(local('olga', { sid: undefined }), deps(users))).toEqual({
      ok: false,
      reason: 'incomplete',
    });
    expect(await checkSession(local('olga', { signedInAt: undefined }), deps(users))).toEqual({
      ok: false,
      reason: 'incomplete',
    });
  });
});
