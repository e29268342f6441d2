/**
 * What a client's forwarded headers can and cannot do, on private servers started on the build under
 * test (no build of their own), and what the server refuses to start with:
 *   - without TRUSTED_PROXIES, X-Forwarded-For does not make a new address: the per-address sign-in
 *     limit holds however many addresses a client claims; X-Forwarded-Proto and -Host change nothing;
 *   - in live mode, NEXTAUTH_URL decides Secure cookies, HSTS and redirects, whatever the request says;
 *   - `next start` (as the Docker image's standalone server) refuses demo mode unless DEMO=1, and live
 *     mode without NEXTAUTH_URL, with a message; in demo mode it prints a banner.
 * The main e2e server trusts loopback as its proxy (playwright.config.ts), so these need servers of
 * their own.
 */
import { expect, request as newRequestContext, test } from '@playwright/test';
import { E2E_PORT } from '../playwright.config';
import { type PrivateAppServer, startExpectingRefusal, startOnBuild } from './support/app-server';
import { signInOverHttp } from './support/sign-in';

test.use({ storageState: { cookies: [], origins: [] } });
test.describe.configure({ mode: 'serial' });

const DEMO_PORT = E2E_PORT + 8;
const LIVE_PORT = E2E_PORT + 9;
const REFUSED_PORT = E2E_PORT + 10;
const PUBLIC_URL = 'https://cdn-monitor.example.test';
const LIVE_ENV = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tForwardedTestKey',
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'ForwardedTestSecretNotUsed',
  CDN_ENDPOINT: 'http://127.0.0.1:9',
  // Nothing answers here either: start-up's store identity falls back to the key, and no call leaves.
  STS_ENDPOINT: 'http://127.0.0.1:9',
  AUTH_SECRET: 'forwarded-test-session-key-0123456789abcdef',
  AUTH_USERS_FILE: 'e2e/fixtures/users.json',
};

test.describe('a server with no trusted proxy (demo mode)', () => {
  let app: PrivateAppServer;
  test.beforeAll(async () => {
    app = await startOnBuild({ port: DEMO_PORT, env: { DEMO: '1', TRUSTED_PROXIES: '', LOG_LEVEL: 'warn' } });
  });
  test.afterAll(async () => {
    await app?.stop();
  });

  test('announces demo mode with a banner', () => {
    expect(app.output()).toContain('DEMO MODE');
  });

  test('a forged X-Forwarded-For does not dodge the per-address sign-in limit', async () => {
    const client = await newRequestContext.newContext({ baseURL: app.url });
    try {
      const stamp = Date.now();
      for (let attempt = 1; attempt <= 20; attempt++) {
        const claimed = { 'X-Forwarded-For': `198.51.100.${attempt}, 203.0.113.${attempt}` };
        expect(await signInOverHttp(client, `spray-${stamp}-${attempt}`, 'guess', claimed)).toBe(
          'CredentialsSignin',
        );
      }
      // All twenty came from this one socket address, whatever they claimed: it is blocked now.
      const fresh = { 'X-Forwarded-For': '192.0.2.123' };
      expect(await signInOverHttp(client, `spray-${stamp}-21`, 'guess', fresh)).toBe('TooManyAttempts');
      expect(await signInOverHttp(client, 'demo', 'demo', fresh)).toBe('TooManyAttempts');
    } finally {
      await client.dispose();
    }
  });

  test('X-Forwarded-Proto and -Host from a client change neither cookies, HSTS nor redirects', async () => {
    const claimed = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'evil.example' };
    const client = await newRequestContext.newContext({ baseURL: app.url, extraHTTPHeaders: claimed });
    try {
      const page = await client.get('/signin');
      expect(page.headers()['strict-transport-security']).toBeUndefined();
      expect(page.headers()['content-security-policy']).not.toContain('upgrade-insecure-requests');
      const csrf = await client.get('/api/auth/csrf');
      const cookies = csrf.headersArray().filter((header) => header.name.toLowerCase() === 'set-cookie');
      expect(cookies.map((cookie) => cookie.value).join('\n')).not.toMatch(/__Host-|__Secure-|;\s*Secure/i);

      const signedOut = await client.get('/tasks', { maxRedirects: 0 });
      expect(signedOut.status()).toBe(307);
      expect(signedOut.headers().location).toBe('/signin?callbackUrl=%2Ftasks');
      const redirect = await client.get('/api/auth/signin', { maxRedirects: 0 });
      expect(redirect.headers().location ?? '').not.toContain('evil.example');
      expect(new URL(redirect.headers().location ?? '', app.url).origin).toBe(app.url);
    } finally {
      await client.dispose();
    }
  });
});

test.describe('a live server with its public address (NEXTAUTH_URL)', () => {
  let app: PrivateAppServer;
  test.beforeAll(async () => {
    app = await startOnBuild({
      port: LIVE_PORT,
      env: { ...LIVE_ENV, NEXTAUTH_URL: PUBLIC_URL, LOG_LEVEL: 'warn' },
    });
  });
  test.afterAll(async () => {
    await app?.stop();
  });

  test('Secure cookies, HSTS and redirects follow NEXTAUTH_URL, not the request', async () => {
    const claimed = { 'X-Forwarded-Proto': 'http', 'X-Forwarded-Host': 'evil.example' };
    const client = await newRequestContext.newContext({ baseURL: app.url, extraHTTPHeaders: claimed });
    try {
      const page = await client.get('/signin');
      expect(page.status()).toBe(200);
      expect(page.headers()['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
      const csrf = await client.get('/api/auth/csrf');
      const cookies = csrf
        .headersArray()
        .filter((header) => header.name.toLowerCase() === 'set-cookie')
        .map((header) => header.value);
      expect(cookies.find((cookie) => cookie.startsWith('__Host-next-auth.csrf-token='))).toMatch(
        /;\s*Secure/i,
      );
      // next-auth's own idea of where it lives (its default callback) is the public address.
      const redirect = await client.get('/api/auth/signin', { maxRedirects: 0 });
      const location = new URL(redirect.headers().location ?? '', PUBLIC_URL);
      expect(location.searchParams.get('callbackUrl')).toBe(`${PUBLIC_URL}/`);
      expect(redirect.headers().location).not.toContain('evil.example');
    } finally {
      await client.dispose();
    }
  });
});

test.describe('start-up of the server itself', () => {
  test('refuses demo mode under NODE_ENV=production unless DEMO=1, saying why', async () => {
    const { code, output } = await startExpectingRefusal({
      port: REFUSED_PORT,
      env: { DEMO: '', ALIBABA_CLOUD_ACCESS_KEY_ID: '', AUTH_USERS_FILE: 'e2e/fixtures/users.json' },
    });
    expect(code).toBe(1);
    expect(output).toContain('NODE_ENV is production');
    expect(output).toContain('AUTH_USERS_FILE is set');
    expect(output).toContain('DEMO=1');
  });

  test('refuses live mode without NEXTAUTH_URL, saying what to set', async () => {
    const { code, output } = await startExpectingRefusal({
      port: REFUSED_PORT,
      env: { ...LIVE_ENV, NEXTAUTH_URL: '' },
    });
    expect(code).toBe(1);
    expect(output).toContain('NEXTAUTH_URL is not set');
    expect(output).not.toContain(LIVE_ENV.ALIBABA_CLOUD_ACCESS_KEY_SECRET);
  });
});
