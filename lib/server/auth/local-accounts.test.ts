import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { checkLocalAccount } from './local-accounts';

const directory = mkdtempSync(join(tmpdir(), 'users-'));
const usersFile = join(directory, 'users.json');
writeFileSync(
  usersFile,
  JSON.stringify([
    { username: 'alice', password: bcrypt.hashSync('alice-password', 4), role: 'operator' },
    { username: 'bob', password: bcrypt.hashSync('bob-password', 4), role: 'viewer' },
  ]),
);

describe('checkLocalAccount', () => {
  it('accepts a right password with the stored role, the name in any case', async () => {
    expect(await checkLocalAccount('alice', 'alice-password', { demo: false, usersFile })).toEqual({
      ok: true,
      user: { username: 'alice', role: 'operator' },
    });
    expect(await checkLocalAccount('BOB', 'bob-password', { demo: false, usersFile })).toEqual({
      ok: true,
      user: { username: 'bob', role: 'viewer' },
    });
  });

  it('refuses a wrong password and an unknown name alike', async () => {
    const refused = { ok: false, reason: 'bad_credentials' };
    expect(await checkLocalAccount('alice', 'bob-password', { demo: false, usersFile })).toEqual(refused);
    expect(await checkLocalAccount('carol', 'x', { demo: false, usersFile })).toEqual(refused);
  });

  it('offers demo/demo as operator in demo mode only', async () => {
    expect(await checkLocalAccount('demo', 'demo', { demo: true, usersFile: null })).toEqual({
      ok: true,
      user: { username: 'demo', role: 'operator' },
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
