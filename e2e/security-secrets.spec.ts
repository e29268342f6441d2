/**
 * No secret leaves the server. Runs a private copy of the dashboard in live mode with sentinel
 * credentials (cloud key pair, STS token, session key, OpenID client secret) against an emulator that
 * accepts exactly that key pair, on the build under test, which was made with the same sentinels in
 * its environment (e2e/support/build-under-test.ts), then proves:
 *   - only allow-listed parameters reach the upstream: upstream-looking keys sent to every route are
 *     refused (API: 400 naming them) or ignored (pages), and the emulator's request log shows none;
 *   - no sentinel appears in any file under the build's static dir, any page, any API answer (good,
 *     bad, signed out, upstream failing), any response header, or any line the build or server logged.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type APIResponse, expect, type Page, test } from '@playwright/test';
import { controlClient } from '../emulator/control-client';
import type { LoggedRequest } from '../emulator/request-log';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { isPublicPath } from '../lib/auth-paths';
import { E2E_PORT } from '../playwright.config';
import { type PrivateAppServer, startOnBuild } from './support/app-server';
import { type BuiltRoute, builtRoutes } from './support/built-routes';
import {
  distDirOf,
  SECRET_VALUES,
  SENTINEL_BUILD_FILES,
  SENTINELS,
  sentinelFingerprint,
} from './support/sentinels';
import { signInThroughPage } from './support/sign-in';

/** Parameter names of the CDN OpenAPI's protocol and of calls that change things. */
const UPSTREAM_KEYS = {
  Action: 'RefreshObjectCaches',
  Version: '2099-01-01-HOSTILE',
  AccessKeyId: 'HOSTILE-AK',
  Signature: 'HOSTILE-SIG',
  SignatureMethod: 'HOSTILE-METHOD',
  SignatureVersion: 'HOSTILE-9',
  SignatureNonce: 'HOSTILE-NONCE',
  SecurityToken: 'HOSTILE-TOKEN',
  Timestamp: 'HOSTILE-TS',
  Format: 'HOSTILE-XML',
  RegionId: 'HOSTILE-REGION',
  RefreshObjectCaches: 'HOSTILE',
  ObjectPath: 'https://HOSTILE.example/',
  ObjectType: 'HOSTILE-Directory',
  DomainName: 'HOSTILE.example',
  TaskId: 'HOSTILE-1',
  PageSize: 'HOSTILE-500',
  ResourceGroupId: 'HOSTILE-rg',
  action: 'PushObjectCache',
  'x-acs-action': 'HOSTILE-header-as-query',
};
const WRITE_ACTIONS = [
  'RefreshObjectCaches',
  'PushObjectCache',
  'BatchSetCdnDomainConfig',
  'DeleteCdnDomain',
];

/** Routes that change something answer POST only (docs/contract.md). */
test.describe.configure({ mode: 'serial' });
test.use({ storageState: { cookies: [], origins: [] } });

let emulator: RunningEmulator;
let app: PrivateAppServer;
let routes: BuiltRoute[];
/** Every text the app sent: bodies and headers, labelled by where they came from. */
const answers: { where: string; text: string }[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  emulator = await startEmulator({
    port: 0,
    accessKeyId: SENTINELS.ALIBABA_CLOUD_ACCESS_KEY_ID,
    accessKeySecret: SENTINELS.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
    securityToken: SENTINELS.ALIBABA_CLOUD_SECURITY_TOKEN,
    tasks: 2_000,
  });
  app = await startOnBuild({
    port: E2E_PORT + 7,
    env: {
      ...SENTINELS,
      CDN_ENDPOINT: emulator.url,
      // Start-up asks STS whose key this is: the emulator answers it too.
      STS_ENDPOINT: emulator.url,
      // Live mode needs its public address.
      NEXTAUTH_URL: `http://127.0.0.1:${E2E_PORT + 7}`,
      AUTH_USERS_FILE: 'e2e/fixtures/users.json',
      AUTH_OIDC_ISSUER: 'http://127.0.0.1:9/unused-issuer',
      AUTH_OIDC_CLIENT_ID: 'secrets-test-client',
      EMULATOR_ACCESS_KEY_ID: '',
      EMULATOR_ACCESS_KEY_SECRET: '',
    },
  });
  routes = builtRoutes(app.distDir);
});

test.afterEach(async ({ page: _page }, testInfo) => {
  // What the private server said, for whoever has to find out why a test here failed.
  if (testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach('private-server-output.txt', { body: app?.output().slice(-50_000) ?? '' });
  }
});

test.afterAll(async () => {
  await app?.stop();
  await emulator?.close();
});

async function record(where: string, response: APIResponse): Promise<APIResponse> {
  const headers = response
    .headersArray()
    .map((header) => `${header.name}: ${header.value}`)
    .join('\n');
  answers.push({ where, text: `${response.status()}\n${headers}\n\n${await response.text()}` });
  return response;
}

/** Everything the browser receives while on a page: documents, RSC payloads, scripts, API answers. */
function recordBrowserTraffic(page: Page): void {
  page.on('response', async (response) => {
    // A response still arriving as the test closes its page can no longer be read. Left to throw,
    // the rejection outlived its test and failed the next one (a fresh-clone run).
    const all = await response.allHeaders().catch(() => null);
    if (all === null) return;
    const headers = Object.entries(all)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n');
    const body = await response.text().catch(() => '');
    answers.push({ where: `browser ${response.url()}`, text: `${response.status()}\n${headers}\n\n${body}` });
  });
}

async function signInAsOperator(page: Page): Promise<void> {
  await page.goto(`${app.url}/tasks`);
  await expect(page.getByTestId('demo-signin-hint')).toHaveCount(0);
  // Live mode: the demo account does not exist.
  await signInThroughPage(page, 'demo', 'demo');
  await expect(page.getByTestId('signin-error')).toHaveText('Wrong username or password.');
  await signInThroughPage(page, 'olivia', 'olivia-operator-pw');
  await expect(page.getByTestId('current-user')).toHaveText('olivia');
}

function upstreamCalls(log: readonly LoggedRequest[]): string[] {
  return log.map((entry) => `${entry.action} ${JSON.stringify(entry.parameters)}`);
}

test('upstream-looking parameters sent to every route never reach the upstream', async ({ page }) => {
  await signInAsOperator(page);
  const control = controlClient(emulator.url);
  await control.clearRequests();
  const hostile = new URLSearchParams(UPSTREAM_KEYS).toString();

  for (const route of routes) {
    for (const query of [hostile, `type=file&status=Failed&${hostile}`]) {
      let answer = await page.request.get(`${app.url}${route.path}?${query}`);
      // A route without GET (a state-changing POST such as /api/resubmit) is probed by POST, from
      // our Origin but without the CSRF token the pages send.
      const postOnly = answer.status() === 405;
      if (postOnly)
        answer = await page.request.post(`${app.url}${route.path}?${query}`, {
          headers: { Origin: app.url },
          data: {},
        });
      const response = await record(`${route.path}?…`, answer);
      if (route.kind !== 'api' || isPublicPath(route.path)) {
        expect(response.status(), route.path).toBeLessThan(500);
        continue;
      }
      if (postOnly) {
        // Refused as cross-site before any parameter is read.
        expect(response.status(), route.path).toBe(403);
        continue;
      }
      expect(response.status(), route.path).toBe(400);
      const { error } = (await response.json()) as {
        error: { code: string; fields: Record<string, string> };
      };
      expect(error.code).toBe('BadRequest');
      expect(Object.keys(error.fields), route.path).toEqual(
        expect.arrayContaining(Object.keys(UPSTREAM_KEYS)),
      );
    }
  }

  const log = await control.requests();
  // The pages did call the upstream (ignoring the unknown keys), so the log has something to prove.
  expect(log.length).toBeGreaterThan(0);
  for (const entry of log) {
    const call = `${entry.action} ${JSON.stringify(entry.parameters)}`;
    expect(WRITE_ACTIONS, call).not.toContain(entry.action);
    expect(entry.accessKeyId, call).toBe(SENTINELS.ALIBABA_CLOUD_ACCESS_KEY_ID);
    expect(call).not.toMatch(/hostile|PushObjectCache|RefreshObjectCaches/i);
    if (entry.parameters.Version !== undefined) expect(entry.parameters.Version).toBe('2018-05-10');
  }
  expect(upstreamCalls(log).join('\n')).not.toMatch(/HOSTILE/i);
});

test('no secret in any page, API answer, header or error', async ({ page, browser }) => {
  // About forty page loads and sixty API answers, some of them paced upstream calls or upstream faults
  // with their retries: more than the default minute on a busy machine.
  test.setTimeout(300_000);
  recordBrowserTraffic(page);
  await signInAsOperator(page);
  const pages = routes.filter((route) => route.kind !== 'api').map((route) => route.path);
  for (const path of [
    ...pages,
    '/tasks?status=Failed&type=file',
    '/tasks?from=garbage&size=7',
    '/no-such-page',
  ]) {
    await page.goto(`${app.url}${path}`);
  }
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();

  const apis = routes.filter((route) => route.kind === 'api').map((route) => route.path);
  const queries = ['', 'type=file&status=Failed', 'task=123', 'from=now-1h', 'bogus=1', 'size=7&from=x'];
  for (const path of [...apis, '/api/auth/session', '/api/auth/providers', '/api/auth/csrf', '/api/nope']) {
    for (const query of queries)
      await record(`${path}?${query}`, await page.request.get(`${app.url}${path}?${query}`));
  }

  // Upstream trouble of every kind: errors must say what happened, and nothing more.
  const control = controlClient(emulator.url);
  const faults = [
    { errors: [{ code: 'InternalError' as const, rate: 1 }] },
    { errors: [{ code: 'ServiceUnavailable' as const, rate: 1 }] },
    { throttling: { force: true } },
    { malformedJson: {} },
    { truncatedBody: {} },
    { connectionReset: {} },
  ];
  // Reads come from the store and keep answering; the upstream's trouble shows in the sync's status.
  const lastError = async (where: string) => {
    const answer = await record(where, await page.request.get(`${app.url}/api/sync`));
    return ((await answer.json()) as { detail?: { lastError: string | null } }).detail?.lastError ?? null;
  };
  for (const fault of faults) {
    await control.clearFaults();
    await expect.poll(() => lastError('sync, healthy'), { timeout: 30_000 }).toBeNull();
    await control.setFaults(fault);
    const label = JSON.stringify(fault);
    const reading = await record(
      `faulty ${label}`,
      await page.request.get(`${app.url}/api/tasks?type=file&status=Failed&task=4${answers.length}`),
    );
    expect(reading.status(), label).toBe(200);
    await expect.poll(() => lastError(`sync under ${label}`), { timeout: 30_000 }).not.toBeNull();
    await page.goto(`${app.url}/tasks?type=directory&status=Complete&task=5${answers.length}`);
  }
  await control.clearFaults();

  const signedOut = await browser.newContext();
  try {
    const outsider = await signedOut.newPage();
    recordBrowserTraffic(outsider);
    await outsider.goto(`${app.url}/tasks?status=Failed`);
    await expect(outsider.getByLabel('Username', { exact: true })).toBeVisible();
    for (const path of apis)
      await record(`signed out ${path}`, await outsider.request.get(`${app.url}${path}`));
  } finally {
    await signedOut.close();
  }

  expect(answers.length).toBeGreaterThan(50);
  for (const { where, text } of answers) {
    for (const secret of SECRET_VALUES)
      expect(text.includes(secret), `${where} contains a secret`).toBe(false);
  }
});

/** The build under test, made with the sentinels in its environment (e2e/support/build-under-test.ts). */
const buildDir = distDirOf(process.cwd());

test('the build under test was made with the sentinel secrets in its environment', () => {
  // Else the searches below would prove nothing: run the suite through Playwright's webServer.
  expect(readFileSync(join(buildDir, SENTINEL_BUILD_FILES.marker), 'utf8')).toBe(sentinelFingerprint());
});

test('no secret in any file of the build’s static dir', () => {
  const staticDir = join(buildDir, 'static');
  const files = readdirSync(staticDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
  expect(files.length).toBeGreaterThan(5);
  for (const file of files) {
    const content = readFileSync(file).toString('latin1');
    for (const secret of SECRET_VALUES)
      expect(content.includes(secret), `${file} contains a secret`).toBe(false);
  }
});

test('no secret in any line the build or the server logged', async () => {
  const buildLog = readFileSync(join(buildDir, SENTINEL_BUILD_FILES.log), 'utf8');
  // The build's log is the build's: its route table is there.
  expect(buildLog).toContain('/api/tasks');
  for (const secret of SECRET_VALUES)
    expect(buildLog.includes(secret), 'the build log contains a secret').toBe(false);
  await app.stop();
  const output = app.output();
  // The server did log: the audit trail of this run's sign-ins is there, as JSON lines.
  const auditLines = output
    .split('\n')
    .filter((line) => line.includes('"log":"audit"'))
    .map((line) => JSON.parse(line) as { event: string; user: string | null; reason?: string });
  expect(auditLines).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ event: 'auth.signin', user: 'olivia' }),
      // Live mode has no demo account: the name is logged as unknown, not as typed.
      expect.objectContaining({ event: 'auth.signin_failed', user: null, reason: 'unknown_user' }),
    ]),
  );
  for (const secret of SECRET_VALUES)
    expect(output.includes(secret), 'the logs contain a secret').toBe(false);
  for (const password of ['olivia-operator-pw']) expect(output).not.toContain(password);
});
