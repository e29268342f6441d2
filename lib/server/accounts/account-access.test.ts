import { describe, expect, it } from 'vitest';
import { accountRefusal, permittedAccounts, resolveAccount } from './account-access';
import type { Account } from './accounts';

const account = (id: string, name: string): Account => ({
  id,
  name,
  endpoint: new URL('http://127.0.0.1:4010'),
  credentials: { kind: 'keys', accessKeyId: `LTAI5t${id}`, accessKeySecret: `secret-of-${id}` },
});
const accounts = [account('prod', 'Production'), account('staging', 'Staging'), account('apac', 'APAC unit')];

describe('who sees which account', () => {
  it('a user without an `accounts` grant sees every account, in the configured order', () => {
    expect(permittedAccounts({ accounts: null }, accounts).map((a) => a.id)).toEqual([
      'prod',
      'staging',
      'apac',
    ]);
  });

  it('a grant limits the user to those accounts; ids that are no account are ignored', () => {
    const user = { accounts: ['apac', 'nosuch', 'staging'] };
    expect(permittedAccounts(user, accounts).map((a) => a.id)).toEqual(['staging', 'apac']);
  });

  it('no acct: the first account the user may see', () => {
    expect(resolveAccount({ accounts: null }, null, accounts)).toMatchObject({
      ok: true,
      account: { id: 'prod' },
    });
    expect(resolveAccount({ accounts: ['apac'] }, null, accounts)).toMatchObject({
      ok: true,
      account: { id: 'apac' },
    });
  });

  it('an account the user may see is theirs to read', () => {
    expect(resolveAccount({ accounts: ['staging'] }, 'staging', accounts)).toMatchObject({
      ok: true,
      account: { id: 'staging' },
    });
  });

  it('another account, an unknown one or none at all: 403, never naming another account', () => {
    const limited = { accounts: ['staging'] };
    for (const [acct, shown] of [
      ['prod', '"prod"'],
      ['nosuch', '"nosuch"'],
      ['<script>', ''],
    ] as const) {
      const resolved = resolveAccount(limited, acct, accounts);
      expect(resolved.ok).toBe(false);
      if (resolved.ok) continue;
      expect(resolved.status).toBe(403);
      if (shown) expect(resolved.message).toContain(shown);
      expect(resolved.message).not.toMatch(/Production|APAC|Staging/);
      expect(resolved.message).not.toContain('<script>');
    }
    // A known and an unknown id are refused alike: the answer does not say which exist.
    const known = resolveAccount(limited, 'prod', accounts);
    const unknown = resolveAccount(limited, 'nosuch', accounts);
    expect(!known.ok && known.message.replace('prod', 'X')).toBe(
      !unknown.ok && unknown.message.replace('nosuch', 'X'),
    );
    expect(resolveAccount({ accounts: [] }, null, accounts)).toMatchObject({ ok: false, status: 403 });
    expect(resolveAccount({ accounts: null }, 'all', accounts)).toMatchObject({ ok: false, status: 403 });
  });

  it('the API refusal is a 403 naming the acct key', async () => {
    const response = accountRefusal('You may not see the account "prod".');
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: {
        code: 'Forbidden',
        message: 'You may not see the account "prod".',
        fields: { acct: 'not an account you may see' },
      },
    });
  });
});
