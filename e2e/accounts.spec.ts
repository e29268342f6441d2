/**
 * Several Alibaba Cloud accounts in one dashboard, on a private server started on the build under
 * test with an ACCOUNTS_FILE of two emulators (each its own account: its own key pair and data):
 *   - a user limited to one account gets 403 for the other on every built API route and page, and
 *     the other account's name appears nowhere in what they are sent;
 *   - the header's switcher changes the view to the other account's rows;
 *   - a shared link with `acct` opens that account, and a copied link names the account;
 *   - the triage view shows every account the user may see, grouped by account.
 * The main e2e server (one account, `default`) is untouched: its specs keep their addresses.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type APIRequestContext,
  expect,
  request as newRequestContext,
  type Page,
  test,
} from '@playwright/test';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { isPublicPath } from '../lib/auth-paths';
import { E2E_PORT } from '../playwright.config';
import { type PrivateAppServer, startExpectingRefusal, startOnBuild } from './support/app-server';
import { type BuiltRoute, builtRoutes } from './support/built-routes';
import { hydrated } from './support/hydrated';
import { signInOverHttp, signInThroughPage } from './support/sign-in';

test.use({ storageState: { cookies: [], origins: [] } });
test.describe.configure({ mode: 'serial' });

// +7 to +11 are other specs' private servers (security-*), +40 the resilience fleet.
const APP_PORT = E2E_PORT + 13;
const PROD = {
  id: 'prod',
  name: 'Production Alpha',
  accessKeyId: 'LTAI5tE2eProdAccount',
  accessKeySecret: 'E2eProdAccountSecret',
};
const STAGING = {
  id: 'staging',
  name: 'Staging Bravo',
  accessKeyId: 'LTAI5tE2eStagingAccount',
  accessKeySecret: 'E2eStagingAccountSecret',
};

let prodEmulator: RunningEmulator;
let stagingEmulator: RunningEmulator;
let app: PrivateAppServer;
let routes: BuiltRoute[];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  prodEmulator = await startEmulator({ port: 0, seed: 81, tasks: 900, ...PROD });
  stagingEmulator = await startEmulator({ port: 0, seed: 82, tasks: 300, ...STAGING });
  // Still data: the two views compared below must not move while they are read.
  for (const emulator of [prodEmulator, stagingEmulator]) {
    await fetch(`${emulator.url}/__emulator/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ freeze: true }),
    });
  }
  const dir = mkdtempSync(join(tmpdir(), 'cdnmon-accounts-'));
  const accountsFile = join(dir, 'accounts.json');
  writeFileSync(
    accountsFile,
    JSON.stringify([
      { ...PROD, endpoint: prodEmulator.url },
      { ...STAGING, endpoint: stagingEmulator.url },
    ]),
  );
  // olivia (operator) and victor (viewer) may see staging only; rita and demo see both.
  const usersFile = join(dir, 'users.json');
  writeFileSync(
    usersFile,
    JSON.stringify(
      (JSON.parse(readFileSync('e2e/fixtures/users.json', 'utf8')) as Array<{ username: string }>).map(
        (user) => (user.username === 'rita' ? user : { ...user, accounts: [STAGING.id] }),
      ),
    ),
  );
  app = await startOnBuild({
    port: APP_PORT,
    env: {
      DEMO: '1',
      ACCOUNTS_FILE: accountsFile,
      AUTH_USERS_FILE: usersFile,
      DATA_DIR: 'memory://',
      LOG_LEVEL: 'warn',
      TRUSTED_PROXIES: '',
      API_RATE_LIMIT_PER_MINUTE: '2000',
      SYNC_HEAD_INTERVAL_MS: '1000',
      // No alert channels: the alerts test route answers 404 past the account check.
      ALERT_WEBHOOK_URL: '',
      ALERT_DINGTALK_WEBHOOK_URL: '',
      ALERT_DINGTALK_SECRET: '',
    },
  });
  routes = builtRoutes(app.distDir);
  // Both accounts backfilled before anything compares rows.
  const demo = await signedIn('demo', 'demo');
  for (const acct of [PROD.id, STAGING.id]) {
    await expect
      .poll(
        async () => ((await (await demo.get(`/api/sync?acct=${acct}`)).json()) as SyncStatus).backfill.done,
        {
          timeout: 90_000,
        },
      )
      .toBe(true);
  }
  await demo.dispose();
});

test.afterAll(async () => {
  await app?.stop();
  await prodEmulator?.close();
  await stagingEmulator?.close();
});

interface SyncStatus {
  backfill: { done: boolean };
}

async function signedIn(username: string, password: string): Promise<APIRequestContext> {
  const context = await newRequestContext.newContext({ baseURL: app.url });
  expect(await signInOverHttp(context, username, password)).toBeNull();
  return context;
}

/** The routes that need a session and show an account's data: all but next-auth's and the public ones. */
function accountRoutes(): BuiltRoute[] {
  return routes.filter(
    (route) =>
      route.kind !== 'asset' && !isPublicPath(route.path) && route.path !== '/' && route.path !== '/signin',
  );
}

const POST_BODIES: Record<string, unknown> = {
  '/api/resubmit': { mode: 'preview', selection: { kind: 'view', search: '?status=Failed' } },
  '/api/alerts/test': { channel: 'webhook' },
  // Refused (400) past the account check: nothing is submitted on the permitted account either.
  '/api/refresh': {},
};

/** One request to a route for `acct` (none: the user's default), the way the dashboard's pages make it. */
async function ask(api: APIRequestContext, route: BuiltRoute, acct: string | null) {
  const search = acct === null ? '' : `?acct=${acct}`;
  const body = POST_BODIES[route.path];
  if (body === undefined) return api.get(`${route.path}${search}`, { maxRedirects: 0 });
  const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
  return api.post(`${route.path}${search}`, {
    headers: { Origin: app.url, 'X-CSRF-Token': csrfToken },
    data: body,
  });
}

test('a user limited to one account gets 403 for the other on every route, and never sees its name', async () => {
  const olivia = await signedIn('olivia', 'olivia-operator-pw');
  const checked = accountRoutes();
  expect(checked.map((route) => route.path)).toEqual(
    expect.arrayContaining(['/tasks', '/triage', '/alerts', '/api/tasks', '/api/sync', '/api/resubmit']),
  );
  for (const route of checked) {
    for (const acct of [PROD.id, 'no-such-account']) {
      const refused = await ask(olivia, route, acct);
      expect(refused.status(), `${route.path}?acct=${acct}`).toBe(403);
      const text = await refused.text();
      expect(text, route.path).not.toContain(PROD.name);
    }
    // Her own account (and her default, which is it) answers: the 403 above was about the account.
    for (const acct of [STAGING.id, null]) {
      const allowed = await ask(olivia, route, acct);
      expect(allowed.status(), `${route.path}?acct=${acct}`).not.toBe(403);
      expect(allowed.status(), `${route.path}?acct=${acct}`).toBeLessThan(500);
      expect(await allowed.text(), route.path).not.toContain(PROD.name);
    }
  }
  // Every account at once means every account she may see: hers alone.
  const across = await olivia.get('/api/triage?acct=all');
  expect(across.status()).toBe(200);
  const body = (await across.json()) as { accounts: Array<{ id: string; name: string }> };
  expect(body.accounts.map(({ id, name }) => ({ id, name }))).toEqual([
    { id: STAGING.id, name: STAGING.name },
  ]);
  // Her pages name her account, and her session lists only it.
  const tasks = await (await olivia.get('/tasks')).text();
  expect(tasks).toContain(STAGING.name);
  expect(tasks).not.toContain(PROD.name);
  const session = await (await olivia.get('/api/auth/session')).text();
  expect(session).not.toContain(PROD.name);
  expect(JSON.parse(session).user.accounts).toEqual([STAGING.id]);
  // The export is named after the account it holds.
  const exported = await olivia.get('/api/tasks/export');
  expect(exported.headers()['content-disposition']).toMatch(/filename="cdn-tasks-staging-/);
  await olivia.dispose();
});

test('a viewer limited to one account is refused the other on the pages too, with the 403 page', async ({
  page,
}) => {
  await page.goto(`${app.url}/tasks?acct=${PROD.id}`);
  await signInThroughPage(page, 'victor', 'victor-viewer-pw');
  await expect(page.getByRole('heading', { name: 'Not permitted' })).toBeVisible();
  expect(await page.content()).not.toContain(PROD.name);
  await page.goto(`${app.url}/tasks`);
  await expect(page.getByTestId('current-account')).toHaveText(STAGING.name);
  await expect(page.getByTestId('account-switcher')).toHaveCount(0);
});

/** The total the page's pagination states, e.g. "1–20 of 1,234 tasks" → 1234. */
async function shownTotal(page: Page): Promise<number> {
  const summary = page.getByTestId('pagination-summary');
  await expect(summary).toHaveText(/of [\d,]+ tasks/);
  const text = (await summary.textContent()) ?? '';
  return Number(/of ([\d,]+) tasks/.exec(text)?.[1]?.replace(/,/g, ''));
}

async function apiTotal(page: Page, acct: string): Promise<number> {
  const response = await page.request.get(`${app.url}/api/tasks?acct=${acct}`);
  return ((await response.json()) as { total: number }).total;
}

test('the switcher changes the view to the other account, and a shared link opens the same account', async ({
  page,
  browser,
}) => {
  await page.goto(`${app.url}/tasks?status=Failed&status=Complete`);
  await signInThroughPage(page, 'demo', 'demo');
  const switcher = page.getByTestId('account-switcher');
  // No acct: the first account of the file.
  await expect(switcher).toHaveValue(PROD.id);
  const prodTotal = await apiTotal(page, `${PROD.id}&status=Failed&status=Complete`);
  const stagingTotal = await apiTotal(page, `${STAGING.id}&status=Failed&status=Complete`);
  expect(prodTotal).not.toBe(stagingTotal);
  await expect.poll(() => shownTotal(page)).toBe(prodTotal);

  // The switcher navigates through a script: a choice made before hydration would go nowhere.
  await hydrated(page);
  await switcher.selectOption({ label: STAGING.name });
  await expect(page).toHaveURL(/acct=staging/);
  // The rest of the address stays.
  await expect(page).toHaveURL(/status=Failed&status=Complete/);
  await expect.poll(() => shownTotal(page)).toBe(stagingTotal);
  // The navigation keeps the account.
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Triage' }),
  ).toHaveAttribute('href', '/triage?acct=staging');
  // So do the product name's link and the dashboard's bare address.
  await expect(page.getByRole('banner').getByRole('link', { name: 'CDN Refresh Monitor' })).toHaveAttribute(
    'href',
    '/tasks?acct=staging',
  );
  await page.goto(`${app.url}/?acct=staging`);
  await expect(page).toHaveURL(/\/tasks\?acct=staging$/);
  await expect(switcher).toHaveValue(STAGING.id);

  // A copied link of the first account's view (no acct in the address) names the account.
  await page.goto(`${app.url}/tasks?status=Failed&status=Complete`);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  // A click on the server-rendered button before hydration is lost, and the wait for "Copied" then
  // ran out the test's time.
  await hydrated(page);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = (await page.getByRole('button', { name: /Copied/ }).getAttribute('data-copied-url')) ?? '';
  expect(link).toContain('acct=prod');

  // rita sees both accounts too, but a shared link of staging opens staging for her as well.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(`${app.url}/tasks?acct=staging&status=Failed&status=Complete`);
  await signInThroughPage(other, 'rita', 'rita-ratelimit-pw');
  await expect(other.getByTestId('account-switcher')).toHaveValue(STAGING.id);
  await expect.poll(() => shownTotal(other)).toBe(stagingTotal);
  await fresh.close();
});

test('the triage view shows every account the user may see, grouped by account', async ({
  page,
}, testInfo) => {
  await page.goto(`${app.url}/triage?acct=all&from=now-3d`);
  await signInThroughPage(page, 'demo', 'demo');
  const prod = page.getByTestId('triage-account-prod');
  const staging = page.getByTestId('triage-account-staging');
  await expect(prod.getByRole('heading', { name: PROD.name })).toBeVisible();
  await expect(staging.getByRole('heading', { name: STAGING.name })).toBeVisible();
  await expect(page.getByTestId('account-switcher')).toHaveValue('all');
  // Each group's link opens its own account's tasks.
  const prodLink = prod.getByTestId('triage-domains').getByRole('link').first();
  await expect(prodLink).toHaveAttribute('href', /acct=prod/);
  const stagingLink = staging.getByTestId('triage-domains').getByRole('link').first();
  await expect(stagingLink).toHaveAttribute('href', /acct=staging/);
  await page.screenshot({ path: testInfo.outputPath('triage-all-accounts.png'), fullPage: true });
});

// One test per screen: each signs in afresh, and four sign-ins in one test outgrew its time on a
// busy machine.
for (const colorScheme of ['light', 'dark'] as const) {
  for (const width of [1440, 375]) {
    test(`the header names the account and fits a ${width} px screen (${colorScheme})`, async ({
      browser,
    }, testInfo) => {
      const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme });
      const page = await context.newPage();
      await page.goto(`${app.url}/tasks?acct=staging`);
      await signInThroughPage(page, 'demo', 'demo');
      const switcher = page.getByTestId('account-switcher');
      await expect(switcher).toHaveValue(STAGING.id);
      const box = await switcher.boundingBox();
      expect(box && box.x + box.width).toBeLessThanOrEqual(width);
      await page
        .locator('header')
        .screenshot({ path: testInfo.outputPath(`header-${width}-${colorScheme}.png`) });
      await context.close();
    });
  }
}

test('a bad ACCOUNTS_FILE stops start-up, naming the entry and field but no value', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdnmon-accounts-bad-'));
  const accountsFile = join(dir, 'accounts.json');
  writeFileSync(
    accountsFile,
    JSON.stringify([
      { ...PROD, endpoint: prodEmulator.url },
      { id: 'staging', name: 'Staging Bravo', accessKeyId: STAGING.accessKeyId, accessKeySecret: '' },
    ]),
  );
  const refused = await startExpectingRefusal({
    port: APP_PORT + 1,
    env: { DEMO: '1', ACCOUNTS_FILE: accountsFile, DATA_DIR: 'memory://', LOG_LEVEL: 'warn' },
  });
  expect(refused.code).toBe(1);
  expect(refused.output).toContain('ACCOUNTS_FILE[1].accessKeySecret: must not be empty');
  expect(refused.output).not.toContain(PROD.accessKeySecret);
});
