/**
 * The headers every answer carries, the CSP nonce on every script, cookie flags over HTTPS, and the
 * rate limits on sign-in (per user, per address) and on the API (per user).
 */
import { expect, request as newRequestContext, test } from '@playwright/test';
import { E2E_PORT } from '../playwright.config';
import { startOnBuild } from './support/app-server';
import { signInOverHttp } from './support/sign-in';

/** The private server of the /api limit test (security-forwarded.spec.ts has +8 to +10). */
const RATE_LIMIT_PORT = E2E_PORT + 11;

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name = '', ...values]) => [name, values]),
  );
}

test('pages carry a nonce-based CSP, and every script in the HTML has that nonce', async ({ page }) => {
  const response = await page.request.get('/tasks');
  expect(response.status()).toBe(200);
  const headers = response.headers();
  const csp = directives(headers['content-security-policy'] ?? '');
  const scriptSrc = csp.get('script-src') ?? [];
  const nonce = scriptSrc.find((value) => value.startsWith("'nonce-"))?.slice(7, -1);
  expect(nonce).toMatch(/^[A-Za-z0-9+/=]{16,}$/);
  expect(scriptSrc).toContain("'strict-dynamic'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');
  expect(headers['strict-transport-security']).toBeUndefined();

  const html = await response.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  const again = directives((await page.request.get('/tasks')).headers()['content-security-policy'] ?? '');
  expect(again.get('script-src')).not.toContain(`'nonce-${nonce}'`);
});

test('the app runs under its CSP without a single violation', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.goto('/tasks?status=Failed');
  await expect(page.getByTestId('task-table')).toHaveAttribute('aria-busy', 'false');
  await page.getByRole('group', { name: 'Type' }).getByRole('button', { name: 'file' }).click();
  await expect(page).toHaveURL(/type=file/);
  await page.goto('/signin');
  await page.goto('/no-such-page');
  expect(violations).toEqual([]);
});

test('API answers, redirects and errors carry the headers too', async ({ page, baseURL }) => {
  const signedOut = await newRequestContext.newContext({ baseURL });
  try {
    for (const response of [
      await page.request.get('/api/tasks?bogus=1'),
      await signedOut.get('/api/tasks'),
      await signedOut.get('/tasks', { maxRedirects: 0 }),
      await signedOut.get('/api/health'),
    ]) {
      const headers = response.headers();
      expect(headers['x-content-type-options'], response.url()).toBe('nosniff');
      expect(headers['content-security-policy'], response.url()).toContain("frame-ancestors 'none'");
      expect(headers['referrer-policy'], response.url()).toBe('same-origin');
    }
  } finally {
    await signedOut.dispose();
  }
});

test('over HTTPS: HSTS, upgrade-insecure-requests, and Secure __Secure- session cookies', async ({
  baseURL,
}) => {
  const https = { 'X-Forwarded-Proto': 'https' };
  const context = await newRequestContext.newContext({ baseURL, extraHTTPHeaders: https });
  try {
    const page = await context.get('/signin');
    expect(page.headers()['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
    expect(page.headers()['content-security-policy']).toContain('upgrade-insecure-requests');

    const csrf = await context.get('/api/auth/csrf');
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const signIn = await context.post('/api/auth/callback/credentials', {
      form: { username: 'demo', password: 'demo', csrfToken, callbackUrl: '/tasks', json: 'true' },
    });
    const setCookies = signIn
      .headersArray()
      .filter((header) => header.name.toLowerCase() === 'set-cookie')
      .map((header) => header.value);
    const session = setCookies.find((cookie) => cookie.startsWith('__Secure-next-auth.session-token='));
    expect(session).toBeDefined();
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);
  } finally {
    await context.dispose();
  }
});

test('sign-in is limited per user: after 5 failures even the next try is refused unchecked', async ({
  request,
}) => {
  const username = `probe-${Date.now()}`;
  const address = { 'X-Forwarded-For': `198.51.100.${Math.floor(Math.random() * 250) + 1}` };
  for (let attempt = 1; attempt <= 5; attempt++) {
    expect(await signInOverHttp(request, username, `wrong-${attempt}`, address)).toBe('CredentialsSignin');
  }
  expect(await signInOverHttp(request, username, 'wrong-6', address)).toBe('TooManyAttempts');
  // Other accounts from elsewhere are unaffected.
  expect(
    await signInOverHttp(request, 'victor', 'victor-viewer-pw', { 'X-Forwarded-For': '192.0.2.77' }),
  ).toBeNull();
});

test('sign-in is limited per address: 20 failures with any names block the address', async ({ request }) => {
  const address = { 'X-Forwarded-For': `203.0.113.${Math.floor(Math.random() * 250) + 1}` };
  const stamp = Date.now();
  for (let attempt = 1; attempt <= 20; attempt++) {
    expect(await signInOverHttp(request, `spray-${stamp}-${attempt}`, 'guess', address)).toBe(
      'CredentialsSignin',
    );
  }
  expect(await signInOverHttp(request, `spray-${stamp}-21`, 'guess', address)).toBe('TooManyAttempts');
  expect(await signInOverHttp(request, 'demo', 'demo', address)).toBe('TooManyAttempts');
});

test('/api is limited per user: 429 with Retry-After, counted one by one, and other users carry on', async () => {
  // A private server on the build under test with a budget small enough to spend at once: the main
  // server's (1,500 a minute, so the other specs never meet it) took longer to spend one request
  // at a time on a loaded machine than the test may run, and than the minute it is counted over.
  const budget = 30;
  const app = await startOnBuild({
    port: RATE_LIMIT_PORT,
    env: {
      DEMO: '1',
      AUTH_USERS_FILE: 'e2e/fixtures/users.json',
      API_RATE_LIMIT_PER_MINUTE: String(budget),
      DATA_DIR: 'memory://',
      LOG_LEVEL: 'warn',
    },
  });
  const viewer = await newRequestContext.newContext({ baseURL: app.url });
  const other = await newRequestContext.newContext({ baseURL: app.url });
  try {
    expect(await signInOverHttp(viewer, 'rita', 'rita-ratelimit-pw')).toBeNull();
    expect(await signInOverHttp(other, 'demo', 'demo')).toBeNull();
    // Unknown keys make each request cheap (a 400 before any read). All at once: counted one by one,
    // exactly the budget gets through.
    const answers = await Promise.all(
      Array.from({ length: budget + 10 }, () => viewer.get('/api/tasks?ratelimitprobe=1')),
    );
    const statuses = answers.map((response) => response.status());
    expect(statuses.filter((status) => status === 400)).toHaveLength(budget);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10);
    const limited = answers.find((response) => response.status() === 429);
    expect(Number(limited?.headers()['retry-after'])).toBeGreaterThan(0);
    expect(await limited?.json()).toEqual({
      error: { code: 'TooManyRequests', message: expect.any(String) },
    });
    expect((await other.get('/api/tasks?ratelimitprobe=1')).status()).toBe(400);
  } finally {
    await viewer.dispose();
    await other.dispose();
    await app.stop();
  }
});

test('robots.txt keeps crawlers out, and every answer says noindex', async ({ page, baseURL }) => {
  const signedOut = await newRequestContext.newContext({ baseURL });
  try {
    const robots = await signedOut.get('/robots.txt', { maxRedirects: 0 });
    expect(robots.status()).toBe(200);
    expect(await robots.text()).toMatch(/^User-agent: \*$[\s\S]*^Disallow: \/$/m);

    const html = await (await page.request.get('/tasks')).text();
    const chunk = /\/_next\/static\/[^"]+\.js/.exec(html)?.[0];
    expect(chunk).toBeDefined();
    for (const response of [
      robots,
      await page.request.get('/tasks'),
      await page.request.get(chunk ?? ''),
      await page.request.get('/icon.svg'),
      await signedOut.get('/signin'),
      await signedOut.get('/tasks', { maxRedirects: 0 }),
      await signedOut.get('/api/tasks'),
      await signedOut.get('/api/health'),
      await signedOut.get('/api/ready'),
      await signedOut.get('/no-such-page'),
    ]) {
      expect(response.headers()['x-robots-tag'], response.url()).toContain('noindex');
    }
  } finally {
    await signedOut.dispose();
  }
});

test('readiness answers without a session and says ready or not, nothing else', async ({ baseURL }) => {
  const signedOut = await newRequestContext.newContext({ baseURL });
  try {
    const ready = await signedOut.get('/api/ready');
    expect(ready.status()).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  } finally {
    await signedOut.dispose();
  }
});
