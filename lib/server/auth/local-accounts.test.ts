import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { describe, expect, it, vi } from 'vitest';
import { BCRYPT_COST, bcryptCost } from '@/lib/node/local-users';
import { checkLocalAccount, sessionStamp } from './local-accounts';

const directory = mkdtempSync(join(tmpdir(), 'users-'));
const usersFile = join(directory, 'users.json');
const alice = {
  username: 'alice',
  password: bcrypt.hashSync('alice-password', 4),
  role: 'operator' as const,
};
const bob = { username: 'bob', password: bcrypt.hashSync('bob-password', 4), role: 'viewer' as const };
writeFileSync(usersFile, JSON.stringify([alice, bob]));

describe('checkLocalAccount', () => {
  it('accepts a right password with the stored role, the name in any case', async () => {
    expect(await checkLocalAccount('alice', 'alice-password', { demo: false, usersFile })).toEqual({
      ok: true,
      user: { username: 'alice', role: 'operator', entry: sessionStamp(alice) },
    });
    expect(await checkLocalAccount('BOB', 'bob-password', { demo: false, usersFile })).toEqual({
      ok: true,
      user: { username: 'bob', role: 'viewer', entry: sessionStamp(bob) },
    });
    // The entry a session is bound to: the password's, never the hash itself.
    expect(sessionStamp(alice)).not.toBe(sessionStamp(bob));
    expect(alice.password).not.toContain(sessionStamp(alice));
  });

  it('refuses a wrong password and an unknown name alike, telling the audit trail which it was', async () => {
    expect(await checkLocalAccount('alice', 'bob-password', { demo: false, usersFile })).toEqual({
      ok: false,
      reason: 'bad_credentials',
    });
    expect(await checkLocalAccount('carol', 'x', { demo: false, usersFile })).toEqual({
      ok: false,
      reason: 'unknown_user',
    });
  });

  it('offers demo/demo as operator in demo mode only', async () => {
    expect(await checkLocalAccount('demo', 'demo', { demo: true, usersFile: null })).toEqual({
      ok: true,
      user: { username: 'demo', role: 'operator', entry: 'demo' },
    });
    expect(await checkLocalAccount('demo', 'demo', { demo: false, usersFile })).toMatchObject({ ok: false });
    expect(await checkLocalAccount('demo', 'wrong', { demo: true, usersFile: null })).toMatchObject({
      ok: false,
    });
  });

  it('fails closed when the users file is missing or malformed', async () => {
    const missing = join(directory, 'missing.json');
    expect(await checkLocalAccount('alice', 'alice-password', { demo: false, usersFile: missing })).toEqual({
      ok: false,
      reason: 'users_file_unreadable',
    });
    const broken = join(directory, 'broken.json');
    writeFileSync(broken, JSON.stringify([{ username: 'eve', password: 'plain-text', role: 'operator' }]));
    expect(await checkLocalAccount('eve', 'plain-text', { demo: false, usersFile: broken })).toMatchObject({
      ok: false,
    });
  });
});

describe('an unknown name costs what a known one does', () => {
  /** The costs of the hashes bcrypt.compare was asked to compare against. */
  async function comparedCosts(check: () => Promise<unknown>): Promise<number[]> {
    const compare = vi.spyOn(bcrypt, 'compare');
    await check();
    const costs = compare.mock.calls.map(([, hash]) => bcryptCost(String(hash)));
    compare.mockRestore();
    return costs;
  }

  it('compares against a hash of the cost user:add writes', async () => {
    const file = join(directory, 'cost.json');
    writeFileSync(
      file,
      JSON.stringify([
        { username: 'dora', password: bcrypt.hashSync('dora-password', BCRYPT_COST), role: 'viewer' },
      ]),
    );
    const settings = { demo: false, usersFile: file };
    const known = await comparedCosts(() => checkLocalAccount('dora', 'wrong', settings));
    const unknown = await comparedCosts(() => checkLocalAccount('nobody', 'wrong', settings));
    expect(known).toEqual([BCRYPT_COST]);
    expect(unknown).toEqual([BCRYPT_COST]);
    // Without a users file (demo mode), the same cost.
    expect(
      await comparedCosts(() => checkLocalAccount('nobody', 'x', { demo: true, usersFile: null })),
    ).toEqual([BCRYPT_COST]);
  });

  it('follows the cost of the accounts on file', async () => {
    expect(await comparedCosts(() => checkLocalAccount('nobody', 'x', { demo: false, usersFile }))).toEqual([
      4,
    ]);
  });
});
