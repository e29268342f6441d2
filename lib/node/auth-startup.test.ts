import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  checkAuthStartup,
  demoBanner,
  MISSING_AUTH_SECRET_MESSAGE,
  MISSING_PUBLIC_URL_MESSAGE,
  type StartupContext,
} from './auth-startup';
import { credentialChainSource } from './cloud-credentials';

// A home directory without cloud credential files, so only the variables below decide the mode.
beforeEach(() => {
  vi.stubEnv('HOME', '/nonexistent-home-for-tests');
  return () => vi.unstubAllEnvs();
});
/** An environment with exactly these variables. */
const envOf = (variables: Record<string, string> = {}): NodeJS.ProcessEnv =>
  ({ ...variables }) as NodeJS.ProcessEnv;
/** The credential chain finds nothing / finds an ECS RAM role (the instance metadata service). */
const noChain: StartupContext = { chainSource: async () => null };
const ecsRole: StartupContext = { chainSource: async () => 'default/ecs_ram_role' };
const LIVE = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI-x',
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: 's',
  AUTH_SECRET: 'given',
  NEXTAUTH_URL: 'https://cdn-monitor.example.test',
};

describe('demo mode', () => {
  it('starts with zero configuration on a laptop, with a generated session key', async () => {
    const env = envOf();
    expect(await checkAuthStartup(env, noChain)).toEqual({
      mode: 'demo',
      problems: [],
      generatedSecret: true,
    });
    expect(env.AUTH_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await checkAuthStartup(envOf({ NODE_ENV: 'development' }), noChain)).toMatchObject({
      problems: [],
    });
  });

  const refusals: Array<[string, Record<string, string>, StartupContext, string]> = [
    [
      'NODE_ENV=production (the standalone or Docker server)',
      { NODE_ENV: 'production' },
      noChain,
      'NODE_ENV is production',
    ],
    ['local accounts are configured', { AUTH_USERS_FILE: 'users.json' }, noChain, 'AUTH_USERS_FILE is set'],
    [
      'single sign-on is configured',
      { AUTH_OIDC_ISSUER: 'https://id.example.test', AUTH_OIDC_CLIENT_ID: 'c', AUTH_OIDC_CLIENT_SECRET: 's' },
      noChain,
      'single sign-on is configured',
    ],
    [
      'the credential chain finds an ECS RAM role',
      {},
      ecsRole,
      'credential chain finds credentials (default/ecs_ram_role)',
    ],
    [
      'a credential variable is mistyped',
      { ALIBABA_CLOUD_ACCESS_KEYID: 'LTAI-typo-value', ALICLOUD_SECRET_KEY: 'secret-value' },
      noChain,
      'ALIBABA_CLOUD_ACCESS_KEYID, ALICLOUD_SECRET_KEY are set (a mistyped name?)',
    ],
  ];

  for (const [when, variables, chain, reason] of refusals) {
    it(`is refused when ${when}, with a message that says why and what to do`, async () => {
      const env = envOf(variables);
      const check = await checkAuthStartup(env, chain);
      expect(check.problems).toHaveLength(1);
      expect(check.problems[0]).toContain(reason);
      expect(check.problems[0]).toContain('DEMO=1');
      for (const value of Object.values(variables)) {
        if (value.includes('value')) expect(check.problems[0]).not.toContain(value);
      }
    });

    it(`starts anyway when ${when} but DEMO=1 asks for it`, async () => {
      const check = await checkAuthStartup(envOf({ ...variables, DEMO: '1' }), chain);
      expect(check).toMatchObject({ mode: 'demo', problems: [] });
    });
  }

  it('DEMO=1 wins over configured credentials; DEMO=0 forbids demo mode', async () => {
    expect(await checkAuthStartup(envOf({ ...LIVE, DEMO: '1' }), noChain)).toMatchObject({
      mode: 'demo',
      problems: [],
    });
    const forbidden = await checkAuthStartup(envOf({ DEMO: '0' }), noChain);
    expect(forbidden.problems[0]).toContain('DEMO=0');
    expect(await checkAuthStartup(envOf({ ...LIVE, DEMO: '0' }), noChain)).toMatchObject({
      mode: 'live',
      problems: [],
    });
    expect((await checkAuthStartup(envOf({ DEMO: 'yes' }), noChain)).problems[0]).toContain('DEMO must be 1');
  });

  it('announces itself with a banner', () => {
    expect(demoBanner(envOf())).toContain('DEMO MODE');
    expect(demoBanner(envOf())).toContain('demo / demo');
    expect(demoBanner(envOf({ DEMO: '1' }))).toContain('DEMO=1');
  });
});

describe('live mode', () => {
  it('stops start-up without AUTH_SECRET, with a message that says what to do', async () => {
    const env = envOf({ ...LIVE, AUTH_SECRET: '' });
    expect(await checkAuthStartup(env, noChain)).toEqual({
      mode: 'live',
      problems: [MISSING_AUTH_SECRET_MESSAGE],
      generatedSecret: false,
    });
    expect(env.AUTH_SECRET).toBe('');
    expect(MISSING_AUTH_SECRET_MESSAGE).toContain('openssl rand');
  });

  it('needs NEXTAUTH_URL, the public origin, and refuses one that is not an http(s) address', async () => {
    const { NEXTAUTH_URL: _unset, ...withoutUrl } = LIVE;
    expect((await checkAuthStartup(envOf(withoutUrl), noChain)).problems).toEqual([
      MISSING_PUBLIC_URL_MESSAGE,
    ]);
    expect((await checkAuthStartup(envOf({ ...LIVE, NEXTAUTH_URL: '  ' }), noChain)).problems).toEqual([
      MISSING_PUBLIC_URL_MESSAGE,
    ]);
    expect(
      (await checkAuthStartup(envOf({ ...LIVE, NEXTAUTH_URL: 'ftp://x' }), noChain)).problems[0],
    ).toContain('NEXTAUTH_URL must be');
    expect(MISSING_PUBLIC_URL_MESSAGE).toContain('X-Forwarded-Host');
  });

  it('keeps a given key and address', async () => {
    const env = envOf(LIVE);
    expect(await checkAuthStartup(env, noChain)).toEqual({
      mode: 'live',
      problems: [],
      generatedSecret: false,
    });
    expect(env.AUTH_SECRET).toBe('given');
  });

  // Each source the official chain reads by itself: with any of them, never the demo's emulator and
  // demo/demo, but live mode, which refuses to start without its session key and public address.
  const chainVariables = [
    'ALIBABA_CLOUD_ACCESS_KEY_ID',
    'ALIBABA_CLOUD_ROLE_ARN',
    'ALIBABA_CLOUD_OIDC_PROVIDER_ARN',
    'ALIBABA_CLOUD_ECS_METADATA',
    'ALIBABA_CLOUD_CREDENTIALS_URI',
    'ALIBABA_CLOUD_PROFILE',
    'ALIBABA_CLOUD_CREDENTIALS_FILE',
  ];
  for (const variable of chainVariables) {
    it(`is what ${variable} gives, and it will not start half configured`, async () => {
      const check = await checkAuthStartup(envOf({ [variable]: 'set-by-test' }), noChain);
      expect(check.mode).toBe('live');
      expect(check.generatedSecret).toBe(false);
      expect(check.problems).toEqual([MISSING_AUTH_SECRET_MESSAGE, MISSING_PUBLIC_URL_MESSAGE]);
    });
  }

  for (const file of [join('.alibabacloud', 'credentials'), join('.aliyun', 'config.json')]) {
    it(`is what ~/${file} gives (a profile file)`, async () => {
      const home = mkdtempSync(join(tmpdir(), 'home-'));
      mkdirSync(join(home, file, '..'), { recursive: true });
      writeFileSync(join(home, file), '{}');
      vi.stubEnv('HOME', home);
      const check = await checkAuthStartup(envOf(), noChain);
      expect(check.mode).toBe('live');
      expect(check.problems).toContain(MISSING_AUTH_SECRET_MESSAGE);
    });
  }
});

describe('every mode', () => {
  it('refuses half a single sign-on configuration, naming what is missing', async () => {
    const { problems } = await checkAuthStartup(
      envOf({ ...LIVE, AUTH_OIDC_ISSUER: 'https://id.example.test' }),
      noChain,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('AUTH_OIDC_CLIENT_ID, AUTH_OIDC_CLIENT_SECRET');
  });

  it('refuses a TRUSTED_PROXIES it cannot read', async () => {
    const { problems } = await checkAuthStartup(
      envOf({ ...LIVE, TRUSTED_PROXIES: 'proxy.example' }),
      noChain,
    );
    expect(problems[0]).toContain('TRUSTED_PROXIES');
  });
});

describe('credentialChainSource', () => {
  it('asks the official credential chain: nothing here, then the environment provider', async () => {
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', '');
    vi.stubEnv('ALIBABA_CLOUD_CREDENTIALS_FILE', '');
    vi.stubEnv('ALIBABA_CLOUD_CREDENTIALS_URI', '');
    vi.stubEnv('ALIBABA_CLOUD_ECS_METADATA_DISABLED', 'true');
    expect(await credentialChainSource()).toBeNull();
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', 'LTAI-chain-test');
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'chain-test-secret');
    expect(await credentialChainSource()).toMatch(/env/);
  });
});
