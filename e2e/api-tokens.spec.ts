/**
 * API tokens end to end, on a private copy of the dashboard (the build under test, its own store)
 * whose every log line the test reads: an operator makes tokens on /settings/tokens, then plain HTTP
 * requests carrying only `Authorization: Bearer` (as curl sends them) read with the read token and
 * are refused a submission, submit and wait for the final states with the submit token, are refused
 * paths outside the token's prefixes with nothing sent upstream (the emulator's request log), and get
 * 401 once the token is revoked in the page. A token with a session cookie is refused. /activity
 * lists the token's submission. Last, no secret appears in any page, answer, header, metric or log line.
 */
import {
  type APIRequestContext,
  type APIResponse,
  type Browser,
  expect,
  request,
  test,
} from '@playwright/test';
import { controlClient } from '../emulator/control-client';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { E2E_PORT } from '../playwright.config';
import { type PrivateAppServer, startOnBuild } from './support/app-server';
import { signInThroughPage } from './support/sign-in';

test.use({ storageState: { cookies: [], origins: [] } });
test.describe.configure({ mode: 'serial' });

// +7 to +13 are other specs' private servers, +40 the resilience fleet.
const APP_PORT = E2E_PORT + 23;
const METRICS_TOKEN = 'e2e-metrics-token-Tk83';
/**
 * An upstream of its own: the test moves its clock ahead to see tasks end, and the shared emulator's
 * clock moved ahead and back would leave the main dashboard's store holding statuses "from the
 * future" that later specs compare with the upstream.
 */
let upstream: RunningEmulator;
let emulator: ReturnType<typeof controlClient>;
/** A domain of the emulator's account, and a prefix of it no other test submits under. */
const DOMAIN = 'static.example.com';
const PREFIX = `/e2e-token-${Date.now()}/`;

let app: PrivateAppServer;
/** Every answer body and header the test saw, searched for the secrets at the end. */
const seen: string[] = [];
const secrets: string[] = [];

async function record(response: APIResponse): Promise<APIResponse> {
  seen.push(JSON.stringify(response.headers()), await response.text());
  return response;
}

/** A client that sends nothing but what it is given: no cookie, as curl. */
async function curl(): Promise<APIRequestContext> {
  return request.newContext({ baseURL: app.url, storageState: { cookies: [], origins: [] } });
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function submitCalls() {
  return (await emulator.requests()).filter(
    (call) => call.action === 'RefreshObjectCaches' || call.action === 'PushObjectCache',
  );
}

/** Makes a token on /settings/tokens as the signed-in operator and reads the secret it shows once. */
async function makeToken(
  browser: Browser,
  input: { name: string; scope: 'Read' | 'Submit'; paths?: string },
): Promise<string> {
  const context = await browser.newContext({ baseURL: app.url, storageState: operatorState });
  const page = await context.newPage();
  await page.goto('/settings/tokens');
  await expect(page.getByRole('heading', { name: 'API tokens', level: 1 })).toBeVisible();
  // The form is a script's: typed into only once the page's scripts run.
  await expect(page.getByTestId('new-token-form')).toHaveAttribute('data-hydrated', 'true');
  await page.getByLabel('Name', { exact: true }).fill(input.name);
  await page.getByRole('radio', { name: new RegExp(`^${input.scope}`) }).check();
  if (input.paths) await page.getByLabel(/Domains or path prefixes/).fill(input.paths);
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = (await page.getByTestId('token-value').textContent()) ?? '';
  expect(secret).toMatch(/^cdnm_[A-Za-z0-9_-]{43}$/);
  // Listed from then on, without its secret.
  await page.reload();
  await expect(page.getByTestId('token-list')).toContainText(input.name);
  const listed = await page.content();
  expect(listed).not.toContain(secret);
  seen.push(listed);
  await context.close();
  secrets.push(secret);
  return secret;
}

let operatorState: Awaited<ReturnType<import('@playwright/test').BrowserContext['storageState']>>;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  upstream = await startEmulator({ port: 0, seed: 2323, tasks: 1_000 });
  emulator = controlClient(upstream.url);
  app = await startOnBuild({
    port: APP_PORT,
    env: {
      PORT: String(APP_PORT),
      DEMO: '1',
      EMULATOR_PORT: String(upstream.port),
      ALIBABA_CLOUD_ACCESS_KEY_ID: '',
      CDN_ENDPOINT: '',
      DATA_DIR: 'memory://',
      // Every line, the request log and the audit trail included, is searched for the secrets.
      LOG_LEVEL: 'debug',
      METRICS_TOKEN,
      TRUSTED_PROXIES: '',
      API_RATE_LIMIT_PER_MINUTE: '1500',
      AUTH_USERS_FILE: 'e2e/fixtures/users.json',
      SYNC_HEAD_INTERVAL_MS: '1000',
      SYNC_FOLLOW_INTERVAL_MS: '1000',
      SYNC_FOLLOW_SLOW_INTERVAL_MS: '2000',
      ALERT_WEBHOOK_URL: '',
      ALERT_DINGTALK_WEBHOOK_URL: '',
      ALERT_DINGTALK_SECRET: '',
    },
  });
  const context = await browser.newContext({ baseURL: app.url });
  const page = await context.newPage();
  await page.goto('/settings/tokens');
  await signInThroughPage(page, 'demo', 'demo');
  await expect(page).toHaveURL(/\/settings\/tokens$/);
  operatorState = await context.storageState();
  await context.close();
  await emulator.clock({ resume: true });
});

test.afterAll(async () => {
  await app?.stop();
  await upstream?.close();
});

let readToken = '';
let submitToken = '';

test('a read token reads every read route and cannot submit', async ({ browser }) => {
  readToken = await makeToken(browser, { name: 'e2e reader', scope: 'Read' });
  const client = await curl();
  for (const path of ['/api/tasks', '/api/tasks/summary', '/api/triage', '/api/tasks/export']) {
    const response = await record(await client.get(path, { headers: bearer(readToken) }));
    expect(response.status(), path).toBe(200);
  }
  await emulator.clearRequests();
  const refused = await record(
    await client.post('/api/refresh', {
      headers: bearer(readToken),
      data: { objectType: 'File', paths: [`https://${DOMAIN}${PREFIX}a.js`] },
    }),
  );
  expect(refused.status()).toBe(403);
  expect(await submitCalls()).toEqual([]);
  // Without any credential the same routes stay closed.
  expect((await record(await client.get('/api/tasks'))).status()).toBe(401);
  await client.dispose();
});

test('a submit token submits, waits for the final states, and is held to its prefixes', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  submitToken = await makeToken(browser, {
    name: 'e2e deploy',
    scope: 'Submit',
    paths: `${DOMAIN}${PREFIX}`,
  });
  const client = await curl();

  await emulator.clearRequests();
  const outside = await record(
    await client.post('/api/refresh', {
      headers: bearer(submitToken),
      data: {
        objectType: 'File',
        paths: [
          `https://${DOMAIN}${PREFIX}ok.js`,
          `https://${DOMAIN}/elsewhere/x.js`,
          `https://www.example.com${PREFIX}y.js`,
        ],
      },
    }),
  );
  expect(outside.status()).toBe(403);
  const refusal = (await outside.json()) as { error: { code: string; message: string } };
  expect(refusal.error.code).toBe('PathsOutsideToken');
  expect(refusal.error.message).toContain(`https://${DOMAIN}/elsewhere/x.js`);
  expect(refusal.error.message).toContain(`https://www.example.com${PREFIX}y.js`);
  expect(refusal.error.message).not.toContain('ok.js');
  expect(await submitCalls()).toEqual([]);

  const paths = [`https://${DOMAIN}${PREFIX}app.js`, `https://${DOMAIN}${PREFIX}app.css`];
  const answer = client.post('/api/refresh?wait=90', {
    headers: bearer(submitToken),
    data: { objectType: 'File', paths },
    timeout: 110_000,
  });
  // Once the dashboard holds the new tasks, the emulator's clock runs ahead so they end now.
  await expect.poll(async () => (await submitCalls()).length, { timeout: 20_000 }).toBe(1);
  await expect
    .poll(
      async () => {
        const listed = await client.get(`/api/tasks?q=${encodeURIComponent(PREFIX)}`, {
          headers: bearer(readToken),
        });
        return ((await listed.json()) as { total: number }).total;
      },
      { timeout: 20_000 },
    )
    .toBe(2);
  await emulator.clock({ advanceMs: 10 * 60_000 });
  const response = await record(await answer);
  const body = (await response.json()) as {
    ended: boolean;
    tasks: Array<{ objectPath: string; status: string }>;
  };
  expect(body.ended).toBe(true);
  expect(body.tasks.map((task) => task.objectPath).sort()).toEqual([...paths].sort());
  for (const task of body.tasks) expect(['Complete', 'Failed']).toContain(task.status);
  // 200 only when every task completed: a pipeline's `curl --fail-with-body` fails otherwise.
  expect(response.status()).toBe(body.tasks.every((task) => task.status === 'Complete') ? 200 : 422);
  await emulator.clock({ resume: true });

  const calls = await submitCalls();
  expect(calls).toHaveLength(1);
  expect(calls[0]?.parameters.ObjectPath?.split('\n').sort()).toEqual([...paths].sort());
  await client.dispose();
});

test('a token sent with a session cookie is refused; a revoked token gets 401', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: app.url, storageState: operatorState });
  const both = await record(await context.request.get('/api/tasks', { headers: bearer(readToken) }));
  expect(both.status()).toBe(400);

  const page = await context.newPage();
  await page.goto('/settings/tokens');
  await expect(page.getByTestId('new-token-form')).toHaveAttribute('data-hydrated', 'true');
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Revoke the token e2e reader' }).click();
  await expect(page.getByTestId('token-list')).toContainText('revoked');
  seen.push(await page.content());
  await context.close();

  const client = await curl();
  const revoked = await record(await client.get('/api/tasks', { headers: bearer(readToken) }));
  expect(revoked.status()).toBe(401);
  // The submit token still works.
  expect((await record(await client.get('/api/tasks', { headers: bearer(submitToken) }))).status()).toBe(200);
  await client.dispose();
});

test('the activity page lists what the token submitted, by the token’s name', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: app.url, storageState: operatorState });
  const page = await context.newPage();
  await page.goto('/activity?user=e2e+deploy');
  const entries = page.getByTestId('activity-entry');
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText('Token “e2e deploy”');
  await expect(entries.first()).toContainText(`Submitted 2 paths (File) on ${DOMAIN}`);
  await expect(entries.first().getByTestId('activity-answer')).toHaveText('The CDN API created 1 task.');
  // Both rows accounted for, as the store holds them now (back on real time, the emulator may show
  // them running again: their state is a function of its clock).
  const outcome = (await entries.first().getByTestId('activity-outcome').textContent()) ?? '';
  const counts = /(\d+) complete, (\d+) failed, (\d+) still running\./.exec(outcome);
  expect(counts?.slice(1).reduce((sum, count) => sum + Number(count), 0)).toBe(2);
  // Refused attempts (outside the prefixes, a read token) sent nothing, and are not submissions.
  await page.goto('/activity');
  await expect(page.getByTestId('activity-entry')).toHaveCount(1);
  seen.push(await page.content());
  await context.close();
});

test('no token secret appears in a page, an answer, the metrics or a log line', async () => {
  expect(secrets).toHaveLength(2);
  const client = await curl();
  const metrics = await record(
    await client.get('/api/metrics', { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } }),
  );
  expect(metrics.status()).toBe(200);
  // The task gauges for Grafana: the token's two submitted tasks are among the counted rows.
  expect(await metrics.text()).toMatch(
    /^cdnmon_tasks\{account="default",type="file",status="\w+",reason="[\w-]+"\} \d+$/m,
  );
  const openapi = await record(await client.get('/api/openapi.json', { headers: bearer(submitToken) }));
  expect(openapi.status()).toBe(200);
  expect(((await openapi.json()) as { openapi: string }).openapi).toBe('3.1.0');
  // A bad token's answer does not echo it either.
  const bad = `cdnm_${'x'.repeat(43)}`;
  const refused = await record(await client.get('/api/tasks', { headers: bearer(bad) }));
  expect(refused.status()).toBe(401);
  await client.dispose();

  const logs = app.output();
  expect(logs).toContain('api request');
  expect(logs).toContain('cdn.refresh');
  for (const secret of [...secrets, bad]) {
    expect(logs).not.toContain(secret);
    // Nor its random part alone.
    expect(logs).not.toContain(secret.slice(5));
    for (const text of seen) expect(text).not.toContain(secret.slice(5));
  }
});
