import { describe, expect, it } from 'vitest';
import { accountsFromOidcClaims, roleFromOidcClaims } from './oidc-role';

const none = { roleClaim: null, operatorValue: 'operator', operators: [] };

describe('roleFromOidcClaims', () => {
  it('is viewer by default', () => {
    expect(roleFromOidcClaims({ sub: 'u1', email: 'a@example.test', roles: ['operator'] }, none)).toBe(
      'viewer',
    );
  });

  it('makes operators of listed e-mails (any case) and subjects', () => {
    const settings = { ...none, operators: ['Ops@Example.test', 'sub-42'] };
    expect(roleFromOidcClaims({ sub: 'x', email: 'ops@example.TEST', email_verified: true }, settings)).toBe(
      'operator',
    );
    expect(roleFromOidcClaims({ sub: 'sub-42' }, settings)).toBe('operator');
    expect(roleFromOidcClaims({ sub: 'sub-43', email: 'other@example.test' }, settings)).toBe('viewer');
  });

  it('ignores an e-mail address unless email_verified is true', () => {
    const settings = { ...none, operators: ['ops@example.test'] };
    for (const email_verified of [false, undefined, null, 'true', 1, 'yes']) {
      expect(
        roleFromOidcClaims({ sub: 'x', email: 'ops@example.test', email_verified }, settings),
        String(email_verified),
      ).toBe('viewer');
    }
    expect(roleFromOidcClaims({ sub: 'x', email: 'ops@example.test' }, settings)).toBe('viewer');
    expect(roleFromOidcClaims({ sub: 'x', email: 'ops@example.test', email_verified: true }, settings)).toBe(
      'operator',
    );
  });

  it('reads the role claim as a string, a list or a nested path', () => {
    expect(roleFromOidcClaims({ sub: 'x', role: 'operator' }, { ...none, roleClaim: 'role' })).toBe(
      'operator',
    );
    expect(roleFromOidcClaims({ sub: 'x', roles: ['a', 'operator'] }, { ...none, roleClaim: 'roles' })).toBe(
      'operator',
    );
    expect(
      roleFromOidcClaims(
        { sub: 'x', realm_access: { roles: ['cdn-ops'] } },
        { ...none, roleClaim: 'realm_access.roles', operatorValue: 'cdn-ops' },
      ),
    ).toBe('operator');
    expect(roleFromOidcClaims({ sub: 'x', roles: ['operators'] }, { ...none, roleClaim: 'roles' })).toBe(
      'viewer',
    );
    expect(roleFromOidcClaims({ sub: 'x', roles: 7 }, { ...none, roleClaim: 'roles' })).toBe('viewer');
    expect(roleFromOidcClaims({ sub: 'x' }, { ...none, roleClaim: '__proto__.polluted' })).toBe('viewer');
  });
});

describe('accountsFromOidcClaims', () => {
  it('without AUTH_OIDC_ACCOUNTS_CLAIM: every account (undefined)', () => {
    expect(
      accountsFromOidcClaims({ sub: 'u1', cdn_accounts: ['prod'] }, { accountsClaim: null }),
    ).toBeUndefined();
  });

  it("with it: the claim's values, a list or a separated string, nested too; none when missing", () => {
    const settings = { accountsClaim: 'cdn_accounts' };
    expect(accountsFromOidcClaims({ sub: 'u1', cdn_accounts: ['prod', 'apac'] }, settings)).toEqual([
      'prod',
      'apac',
    ]);
    expect(accountsFromOidcClaims({ sub: 'u1', cdn_accounts: 'prod staging' }, settings)).toEqual([
      'prod',
      'staging',
    ]);
    expect(
      accountsFromOidcClaims({ sub: 'u1', app: { accounts: 'staging' } }, { accountsClaim: 'app.accounts' }),
    ).toEqual(['staging']);
    expect(accountsFromOidcClaims({ sub: 'u1' }, settings)).toEqual([]);
  });
});
