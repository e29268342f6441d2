import { describe, expect, it } from 'vitest';
import { parseLocalUsers, withUser } from './local-users';

const hash = `$2b$12$${'a'.repeat(53)}`;

describe('parseLocalUsers', () => {
  it('reads a valid file', () => {
    const parsed = parseLocalUsers(JSON.stringify([{ username: 'alice', password: hash, role: 'viewer' }]));
    expect(parsed).toEqual({ ok: true, users: [{ username: 'alice', password: hash, role: 'viewer' }] });
  });

  it('reads the accounts a user may see, and names a bad one', () => {
    const limited = { username: 'alice', password: hash, role: 'viewer', accounts: ['prod', 'apac-2'] };
    expect(parseLocalUsers(JSON.stringify([limited]))).toEqual({ ok: true, users: [limited] });
    expect(parseLocalUsers(JSON.stringify([{ ...limited, accounts: ['Prod'] }]))).toEqual({
      ok: false,
      problem: '0.accounts.0: an account id of ACCOUNTS_FILE',
    });
    expect(parseLocalUsers(JSON.stringify([{ ...limited, accounts: [] }]))).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^0\.accounts: at least one account id/),
    });
  });

  it('a new password keeps the accounts the user may see', () => {
    const limited = { username: 'alice', password: hash, role: 'viewer' as const, accounts: ['prod'] };
    const other = `$2b$12$${'b'.repeat(53)}`;
    const { users } = withUser([limited], { username: 'ALICE', password: other, role: 'operator' });
    expect(users).toEqual([
      { username: 'alice', password: other, role: 'operator', accounts: ['prod'], id: expect.any(String) },
    ]);
  });

  it('names the problem without echoing a value', () => {
    const plain = parseLocalUsers(
      JSON.stringify([{ username: 'alice', password: 'hunter2', role: 'viewer' }]),
    );
    expect(plain).toMatchObject({ ok: false });
    expect(JSON.stringify(plain)).not.toContain('hunter2');
    expect(parseLocalUsers('{')).toEqual({ ok: false, problem: 'not valid JSON' });
    expect(parseLocalUsers(JSON.stringify([{ username: 'a', password: hash, role: 'admin' }]))).toMatchObject(
      {
        ok: false,
      },
    );
  });

  it('refuses the same name twice, in any case', () => {
    const twice = [
      { username: 'alice', password: hash, role: 'viewer' },
      { username: 'ALICE', password: hash, role: 'operator' },
    ];
    expect(parseLocalUsers(JSON.stringify(twice))).toMatchObject({ ok: false });
  });
});

describe('withUser', () => {
  it('adds a new user at the end and replaces an existing one in place', () => {
    const alice = { username: 'alice', password: hash, role: 'viewer' as const, id: 'u_alice-entry' };
    const bob = { username: 'bob', password: hash, role: 'viewer' as const };
    expect(withUser([alice], bob, () => 'u_bob-entry')).toEqual({
      users: [alice, { ...bob, id: 'u_bob-entry' }],
      replaced: false,
    });
    const promoted = { ...bob, username: 'ALICE', role: 'operator' as const };
    expect(withUser([alice, bob], promoted)).toEqual({
      users: [{ ...promoted, username: 'alice', id: 'u_alice-entry' }, bob],
      replaced: true,
    });
  });

  it('keeps an entry’s id through a new password, gives one to an entry without, and a new one to a name added again', () => {
    const alice = { username: 'alice', password: hash, role: 'viewer' as const };
    const first = withUser([], alice).users;
    const id = first[0]?.id;
    expect(id).toMatch(/^u_[A-Za-z0-9_-]{16}$/);
    expect(parseLocalUsers(JSON.stringify(first))).toEqual({ ok: true, users: first });
    expect(withUser(first, { ...alice, role: 'operator' }).users[0]?.id).toBe(id);
    expect(withUser([alice], alice).users[0]?.id).toMatch(/^u_/);
    // Removed (the file without her), then added again: another entry.
    expect(withUser([], alice).users[0]?.id).not.toBe(id);
  });

  it('refuses an id that is not one user:add would write', () => {
    const entry = { username: 'alice', password: hash, role: 'viewer', id: 'short' };
    expect(parseLocalUsers(JSON.stringify([entry]))).toEqual({
      ok: false,
      problem: expect.stringMatching(/^0\.id: /),
    });
  });
});
