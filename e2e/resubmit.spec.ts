/**
 * Resubmitting failed tasks, end to end: the operator's buttons in the triage view, the table and the
 * drawer, the confirmation, the new tasks followed live in the table, the quota; a viewer's missing
 * buttons and refused POST; cross-site and double submissions; quota and partial failures reported
 * exactly. The emulator's request log and quota are the upstream's side of every claim.
 */
import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test';
import { controlClient } from '../emulator/control-client';
import type { Task } from '../lib/task';
import { emulatorUrl } from './emulator-control';
import { hydrated } from './support/hydrated';
import { signInThroughPage } from './support/sign-in';

const emulator = controlClient(emulatorUrl);

/** Submit calls the emulator received since the log was last cleared. */
async function submitCalls() {
  return (await emulator.requests()).filter(
    (call) => call.action === 'RefreshObjectCaches' || call.action === 'PushObjectCache',
  );
}

/**
 * The emulator's data clock back on real time, unfrozen. New tasks must be created within the
 * sync's head poll (its overlap reaches 60 s back) and not after the dashboard's own now, or no view
 * shows them; earlier specs may have left the clock ahead or behind.
 */
async function clockOnRealTime(): Promise<void> {
  await emulator.clock({ resume: true });
}

async function failedRows(request: APIRequestContext, search: string): Promise<Task[]> {
  const response = await request.get(`/api/tasks?status=Failed&size=100&${search}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { tasks: Task[] }).tasks;
}

/** next-auth's CSRF token for this browser context (sets its cookie as the dashboard's pages do). */
async function csrfToken(request: APIRequestContext): Promise<string> {
  return ((await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string }).csrfToken;
}

test.beforeEach(async () => {
  await emulator.clearFaults();
  await clockOnRealTime();
});
test.afterAll(async () => {
  await emulator.clearFaults();
  await clockOnRealTime();
  const quota = await emulator.quota();
  await emulator.setQuota({ UrlRemain: quota.UrlQuota });
});

test('an operator resubmits three failed tasks from the triage view and follows them to their end', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const prefix = `/e2e-resubmit-${Date.now()}/`;
  const domain = 'img.shop-example.com';
  // Created over the next 3 s of real time, each failed 5 s after its creation: no clock moves, so
  // the store and the upstream agree on them from then on. The sync follows them by id.
  await emulator.startIncident({
    domain,
    prefix,
    reason: 'origin-timeout',
    tasks: 3,
    minutes: 0.05,
    endWithinSeconds: 5,
  });
  await expect
    .poll(async () => (await failedRows(request, `q=${prefix}&reason=origin-timeout`)).length, {
      timeout: 30_000,
    })
    .toBe(3);
  const failed = await failedRows(request, `q=${prefix}`);
  const quotaBefore = (await emulator.quota()).UrlRemain;

  // A short window: the group ranks among the top prefixes whatever earlier specs left behind.
  await page.goto('/triage?from=now-10m');
  await expect(page.getByTestId('quota-url')).toHaveText(quotaBefore.toLocaleString('en'));
  const group = page.getByTestId('triage-prefixes').locator(`[data-group="${domain}${prefix}"]`);
  await group.getByRole('button', { name: `Resubmit all 3 failed tasks of ${domain}${prefix}` }).click();

  const dialog = page.getByRole('dialog', { name: `Resubmit all 3 failed tasks of ${domain}${prefix}` });
  await expect(dialog.getByTestId('resubmit-counts')).toHaveText('3 URLs to refresh in 1 call.');
  await expect(dialog.getByTestId('resubmit-domains')).toHaveText(domain);
  const urlQuota = dialog.getByTestId('resubmit-quota').locator('[data-kind="url"] td');
  await expect(urlQuota).toHaveText([
    'URL refreshes',
    quotaBefore.toLocaleString('en'),
    (quotaBefore - 3).toLocaleString('en'),
  ]);
  await page.screenshot({ path: 'test-results/resubmit/confirm.png' });
  await dialog.getByRole('button', { name: 'Submit 3' }).click();

  await expect(dialog.getByTestId('resubmit-outcome')).toHaveText(/^Submitted 3 objects as 1 task\.$/);
  const taskIds = ((await dialog.getByTestId('resubmit-task-ids').textContent()) ?? '').split(', ');
  expect(taskIds).toHaveLength(1);
  // The quota dropped by three, upstream and on the page.
  expect((await emulator.quota()).UrlRemain).toBe(quotaBefore - 3);
  await expect(page.getByTestId('quota-url')).toHaveText((quotaBefore - 3).toLocaleString('en'));
  const calls = await submitCalls();
  expect(calls.filter((call) => call.parameters.ObjectPath?.includes(prefix))).toHaveLength(1);
  await page.screenshot({ path: 'test-results/resubmit/result.png' });

  await dialog.getByTestId('resubmit-view-link').click();
  await expect(page).toHaveURL(new RegExp(`[?&]task=${taskIds.join('%2C|,')}`));
  const rows = page.locator(`[data-task-id="${taskIds[0]}"]`);
  await expect(rows).toHaveCount(3, { timeout: 10_000 });
  await expect(rows.locator('td.task-table-status')).toHaveText([
    /Pending|Refreshing/,
    /Pending|Refreshing/,
    /Pending|Refreshing/,
  ]);
  for (const task of failed) await expect(rows.filter({ hasText: task.objectPath })).toHaveCount(1);

  // The emulator's time runs on past the run; the page follows the rows without a reload.
  await emulator.clock({ advanceMs: 4 * 60_000 });
  const upstream = await emulator.tasks({ q: prefix, limit: 20 });
  const ended = upstream.tasks.filter((task) => task.taskId === taskIds[0]);
  expect(ended).toHaveLength(3);
  for (const task of ended) {
    expect(['Complete', 'Failed']).toContain(task.status);
    await expect(rows.filter({ hasText: task.objectPath })).toContainText(task.status, { timeout: 15_000 });
  }
  // 96 % of the emulator's submissions complete; which ones fail depends on what earlier specs
  // submitted, so each row is held to the emulator's own final state rather than to Complete.
});

async function viewerPage(browser: Browser): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto('/tasks');
  await signInThroughPage(page, 'victor', 'victor-viewer-pw');
  await expect(page.getByTestId('current-role')).toHaveText('viewer');
  return { page, close: () => context.close() };
}

test('a viewer sees no resubmit button and a crafted POST gets 403', async ({ browser }) => {
  const { page, close } = await viewerPage(browser);
  await page.goto('/tasks?status=Failed');
  await expect(page.locator('[data-task-id]').first()).toBeVisible();
  await page.locator('[data-task-id] a').first().click();
  const drawer = page.getByTestId('task-drawer');
  await expect(drawer.getByText('Upstream description').first()).toBeVisible();
  await expect(drawer.getByRole('button', { name: /again/ })).toHaveCount(0);
  for (const id of ['resubmit-task', 'resubmit-view', 'resubmit-selected', 'quota-summary'])
    await expect(page.getByTestId(id)).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: /to resubmit$/ })).toHaveCount(0);
  await page.goto('/triage');
  await expect(page.getByTestId('triage-summary')).toBeVisible();
  for (const id of ['resubmit-group', 'quota-summary']) await expect(page.getByTestId(id)).toHaveCount(0);

  await emulator.clearRequests();
  const failed = (await failedRows(page.request, 'type=file'))[0] as Task;
  const token = await csrfToken(page.request);
  const crafted = await page.request.post('/api/resubmit', {
    headers: { Origin: new URL(page.url()).origin, 'X-CSRF-Token': token },
    data: {
      mode: 'submit',
      idempotencyKey: 'viewer-crafted-0001',
      selection: { kind: 'tasks', tasks: [{ taskId: failed.taskId, objectPath: failed.objectPath }] },
    },
  });
  expect(crafted.status()).toBe(403);
  expect(((await crafted.json()) as { error: { code: string } }).error.code).toBe('Forbidden');
  expect((await page.request.get('/api/quota')).status()).toBe(403);
  expect(await submitCalls()).toEqual([]);
  await close();
});

test('a cross-site POST is refused, and so is one without the CSRF token', async ({ page }) => {
  await page.goto('/tasks');
  const origin = new URL(page.url()).origin;
  const failed = (await failedRows(page.request, 'type=file'))[0] as Task;
  const token = await csrfToken(page.request);
  const body = (key: string) => ({
    mode: 'submit',
    idempotencyKey: key,
    selection: { kind: 'tasks', tasks: [{ taskId: failed.taskId, objectPath: failed.objectPath }] },
  });
  await emulator.clearRequests();

  const attempts: Array<Record<string, string>> = [
    { Origin: 'https://evil.example', 'X-CSRF-Token': token },
    { Origin: origin, 'X-CSRF-Token': token, 'Sec-Fetch-Site': 'cross-site' },
    { Origin: origin },
    { Origin: origin, 'X-CSRF-Token': `${token.slice(0, -4)}0000` },
  ];
  for (const [index, headers] of attempts.entries()) {
    const answer = await page.request.post('/api/resubmit', {
      headers,
      data: body(`cross-site-test-${index}-x`),
    });
    expect(answer.status(), JSON.stringify(headers)).toBe(403);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('CrossSiteRefused');
  }
  // A GET changes nothing: the route answers POST only.
  expect((await page.request.get('/api/resubmit')).status()).toBe(405);
  expect(await submitCalls()).toEqual([]);
});

test('a double click and repeated POSTs with one idempotency key submit once', async ({ page }) => {
  const failed = (await failedRows(page.request, 'type=file'))[0] as Task;
  await emulator.clearRequests();
  await page.goto(`/tasks?task=${failed.taskId}&from=now-3d&sel=${failed.taskId}`);
  const drawer = page.getByTestId('task-drawer');
  await drawer.getByRole('button', { name: 'Refresh again' }).first().click();
  const dialog = page.getByTestId('resubmit-dialog');
  await expect(dialog.getByTestId('resubmit-counts')).toHaveText('1 URL to refresh in 1 call.');
  await dialog.getByRole('button', { name: 'Submit 1' }).dblclick();
  await expect(dialog.getByTestId('resubmit-outcome')).toHaveText('Submitted 1 object as 1 task.');
  expect((await submitCalls()).map((call) => call.parameters.ObjectPath)).toEqual([failed.objectPath]);

  // A script retrying one request three times at once, as a flaky network might.
  const answers = await page.evaluate(
    async ({ taskId, objectPath }) => {
      const { csrfToken } = (await (await fetch('/api/auth/csrf')).json()) as { csrfToken: string };
      const post = () =>
        fetch('/api/resubmit', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken },
          body: JSON.stringify({
            mode: 'submit',
            idempotencyKey: 'double-submit-e2e-key-1',
            selection: { kind: 'tasks', tasks: [{ taskId, objectPath }] },
          }),
        }).then(async (response) => ({
          status: response.status,
          replayed: response.headers.get('Idempotent-Replayed'),
          taskIds: ((await response.json()) as { taskIds: string[] }).taskIds,
        }));
      return Promise.all([post(), post(), post()]);
    },
    { taskId: failed.taskId, objectPath: failed.objectPath },
  );
  expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
  expect(answers.filter((answer) => answer.replayed === 'true')).toHaveLength(2);
  expect(new Set(answers.map((answer) => answer.taskIds.join()))).toHaveProperty('size', 1);
  expect(await submitCalls()).toHaveLength(2);
});

test('over quota and a partial failure are reported exactly', async ({ page }) => {
  const files = await failedRows(page.request, 'type=file&from=now-3d');
  const preload = (await failedRows(page.request, 'type=preload&from=now-3d'))[0] as Task;
  const [first, second] = files as [Task, Task];
  expect(preload).toBeDefined();
  await emulator.setQuota({ UrlRemain: 1 });
  await emulator.setFaults({ throttling: { force: true, action: 'PushObjectCache' } });
  await emulator.clearRequests();

  const ids = [...new Set([first.taskId, second.taskId, preload.taskId])].join(',');
  await page.goto(`/tasks?task=${ids}&from=now-3d&status=Failed`);
  // check() verifies the box changed at once; a tick before hydration is only replayed later.
  await hydrated(page);
  for (const task of [first, second, preload])
    await page.locator(`[data-row-key="${task.taskId} ${task.objectPath}"]`).getByRole('checkbox').check();
  await page.getByTestId('resubmit-selected').click();
  const dialog = page.getByTestId('resubmit-dialog');
  await expect(dialog.getByTestId('resubmit-counts')).toHaveText(
    '1 URL to refresh, 1 URL to prefetch in 2 calls.',
  );
  await expect(dialog.getByTestId('resubmit-left-out').locator('summary')).toHaveText(
    '1 object left out: today’s quota is used up',
  );
  await dialog.getByTestId('resubmit-confirm').click();

  await expect(dialog.getByTestId('resubmit-outcome')).toHaveText(
    'Submitted 1 object as 1 task. 1 not submitted.',
    { timeout: 20_000 },
  );
  await expect(dialog.getByTestId('resubmit-failed')).toContainText(
    `Throttled by the CDN API: try again in a moment — 1 URL to prefetch on ${preload.domain}`,
  );
  await dialog.getByTestId('resubmit-left-out').locator('summary').click();
  await expect(dialog.getByTestId('resubmit-left-out').getByRole('listitem')).toHaveText([second.objectPath]);
  await dialog.getByTestId('resubmit-submitted').locator('summary').click();
  await expect(dialog.getByTestId('resubmit-submitted').getByRole('listitem')).toHaveText([first.objectPath]);
  await page.screenshot({ path: 'test-results/resubmit/partial.png' });

  const calls = await submitCalls();
  expect(calls.filter((call) => call.code === null).map((call) => call.parameters.ObjectPath)).toEqual([
    first.objectPath,
  ]);
  expect(calls.filter((call) => call.action === 'PushObjectCache').every((call) => call.code !== null)).toBe(
    true,
  );
  expect((await emulator.quota()).UrlRemain).toBe(0);
});

test('the dialog above the drawer takes the keyboard: Tab stays in it, Escape closes one layer at a time', async ({
  page,
}) => {
  const failed = (await failedRows(page.request, 'type=file'))[0] as Task;
  await page.goto(`/tasks?task=${failed.taskId}&from=now-3d&sel=${failed.taskId}`);
  const drawer = page.getByTestId('task-drawer');
  await drawer.getByRole('button', { name: 'Refresh again' }).first().click();
  const dialog = page.getByTestId('resubmit-dialog');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  for (let press = 0; press < 6; press += 1) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(drawer).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`sel=${failed.taskId}`));
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);
  await expect(page).not.toHaveURL(/sel=/);
});
