import { describe, expect, it } from 'vitest';
import { readAccountsConfig } from './accounts';
import { parseAccountsFile } from './accounts-file';

const prod = {
  id: 'prod',
  name: 'Production',
  accessKeyId: 'LTAI5tProdKey',
  accessKeySecret: 'ProdSecret-9f2',
};
const staging = {
  id: 'staging',
  name: 'Staging (EU)',
  profile: 'staging-eu',
  endpoint: 'cdn.ap-southeast-1.aliyuncs.com',
};

function problemOf(value: unknown): string {
  const parsed = parseAccountsFile(JSON.stringify(value));
  if (parsed.ok) throw new Error('expected a problem');
  return parsed.problem;
}

describe('ACCOUNTS_FILE', () => {
  it('takes key pairs and profiles, each with an optional endpoint', () => {
    const parsed = parseAccountsFile(JSON.stringify([prod, staging]));
    expect(parsed).toEqual({ ok: true, accounts: [prod, staging] });
  });

  it('names the entry and the field of each problem', () => {
    expect(problemOf([prod, { ...staging, id: 'Staging' }])).toMatch(/^ACCOUNTS_FILE\[1\]\.id: lower-case/);
    expect(problemOf([{ ...prod, accessKeySecret: '' }])).toBe(
      'ACCOUNTS_FILE[0].accessKeySecret: must not be empty',
    );
    expect(problemOf([{ id: 'prod', name: 'P', accessKeyId: 'LTAI5tProdKey' }])).toMatch(
      /^ACCOUNTS_FILE\[0\]\.accessKeySecret: /,
    );
    expect(problemOf([{ id: 'prod', name: 'P' }])).toMatch(/^ACCOUNTS_FILE\[0\]\.profile: /);
    expect(problemOf([{ ...prod, name: '' }])).toBe('ACCOUNTS_FILE[0].name: must not be empty');
    expect(problemOf([{ ...prod, endpoint: 'ftp://x' }])).toMatch(/^ACCOUNTS_FILE\[0\]\.endpoint: /);
    expect(problemOf([prod, { ...staging, id: 'prod' }])).toBe('ACCOUNTS_FILE[1].id: duplicate');
    expect(problemOf([{ ...prod, id: 'all' }])).toMatch(/^ACCOUNTS_FILE\[0\]\.id: .*not "all"/);
    expect(problemOf([])).toBe('ACCOUNTS_FILE: must list at least one account');
    expect(problemOf({ prod })).toMatch(/^ACCOUNTS_FILE: /);
    expect(parseAccountsFile('[{')).toEqual({ ok: false, problem: 'ACCOUNTS_FILE is not valid JSON' });
  });

  it('names an unknown field, never echoing a value (the file holds secrets)', () => {
    const problem = problemOf([{ ...prod, secretKey: 'ProdSecret-9f2' }]);
    expect(problem).toMatch(/^ACCOUNTS_FILE\[0\]: .*secretKey/);
    for (const value of [prod.accessKeySecret, prod.accessKeyId]) {
      expect(problemOf([{ ...prod, accessKeyId: value, name: '' }])).not.toContain(value);
      expect(problem).not.toContain(value);
    }
  });

  it('without the file: the environment’s one account, `default`', () => {
    const config = readAccountsConfig({});
    expect(config.fromFile).toBe(false);
    expect(config.accounts.map((account) => account.id)).toEqual(['default']);
  });

  it('reads the file: ids, names, endpoints (the default one when left out), credentials kept apart', () => {
    const config = readAccountsConfig({ ACCOUNTS_FILE: '/etc/accounts.json' }, (path) => {
      expect(path).toBe('/etc/accounts.json');
      return JSON.stringify([prod, staging]);
    });
    expect(config.fromFile).toBe(true);
    const [first, second] = config.accounts;
    expect(first?.credentials).toEqual({
      kind: 'keys',
      accessKeyId: prod.accessKeyId,
      accessKeySecret: prod.accessKeySecret,
    });
    expect(second?.credentials).toEqual({ kind: 'profile', profile: 'staging-eu' });
    expect(second?.endpoint.href).toBe('https://cdn.ap-southeast-1.aliyuncs.com/');
    expect(first?.endpoint.href).toBe(readAccountsConfig({}).accounts[0]?.endpoint.href);
  });

  it('a missing or bad file is an error naming the variable, not the contents', () => {
    expect(() =>
      readAccountsConfig({ ACCOUNTS_FILE: '/nowhere.json' }, () => {
        throw Object.assign(new Error('gone'), { code: 'ENOENT' });
      }),
    ).toThrow('ACCOUNTS_FILE cannot be read (ENOENT reading /nowhere.json)');
    expect(() =>
      readAccountsConfig({ ACCOUNTS_FILE: 'a.json' }, () =>
        JSON.stringify([{ ...prod, accessKeySecret: 7 }]),
      ),
    ).toThrow(/^ACCOUNTS_FILE\[0\]\.accessKeySecret: /);
  });
});
