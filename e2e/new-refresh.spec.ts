/**
 * A new refresh from /tasks, end to end: the operator's form, its preview through the resubmission
 * planner (calls per domain, a malformed line named, the quota before and after, what an exhausted
 * quota leaves out), the submission with one domain the account does not have (refused by the
 * emulator as the upstream refuses it, the rest submitted), and the new tasks followed in the table
 * until they end. The emulator's request log, quota and tasks are the upstream's side of each claim.
 */
import { expect, type Page, test } from '@playwright/test';
import { controlClient } from '../emulator/control-client';
import { emulatorUrl } from './emulator-control';
import { hydrated } from './support/hydrated';

const emulator = controlClient(emulatorUrl);
const DOMAIN = 'static.example.com';

async function submitCalls() {
  return (await emulator.requests()).filter(
    (call) => call.action === 'RefreshObjectCaches' || call.action === 'PushObjectCache',
  );
}

async function openForm(page: Page) {
  await page.goto('/tasks');
  await hydrated(page);
  await page.getByTestId('new-refresh').click();
  return page.getByRole('dialog', { name: 'New refresh or prefetch' });
}

test.beforeEach(async () => {
  await emulator.clearFaults();
  await emulator.clock({ resume: true });
});
test.afterAll(async () => {
  await emulator.clock({ resume: true });
  const quota = await emulator.quota();
  await emulator.setQuota({ UrlRemain: quota.UrlQuota });
});

test('an exhausted quota shows in the preview as what is left out, before anything is sent', async ({
  page,
}) => {
  const prefix = `/e2e-new-refresh-quota-${Date.now()}/`;
  await emulator.setQuota({ UrlRemain: 1 });
  await emulator.clearRequests();
  const dialog = await openForm(page);
  await dialog.getByLabel('Paths').fill(`https://${DOMAIN}${prefix}a.js\nhttps://${DOMAIN}${prefix}b.js`);
  await expect(dialog.getByTestId('new-refresh-counts')).toHaveText('1 path in 1 call over 1 domain.');
  await expect(dialog.getByTestId('new-refresh-quota').locator('td')).toHaveText(['URL refreshes', '1', '0']);
  await expect(dialog.getByTestId('new-refresh-left-out-quota')).toContainText(
    '1 path does not fit in today’s quota',
  );
  await expect(dialog.getByTestId('new-refresh-left-out-quota')).toContainText(`${prefix}b.js`);
  await page.screenshot({ path: 'test-results/new-refresh/over-quota.png' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(await submitCalls()).toEqual([]);
});

test('an operator submits new URLs, one domain is refused, and the rest are followed to their end', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const prefix = `/e2e-new-refresh-${Date.now()}/`;
  const quota = await emulator.quota();
  await emulator.setQuota({ UrlRemain: quota.UrlQuota });
  await emulator.clearRequests();
  const mine = [`https://${DOMAIN}${prefix}app.js`, `https://${DOMAIN}${prefix}app.css`];
  const foreign = `https://not-in-this-account.example.test${prefix}x.js`;

  const dialog = await openForm(page);
  await dialog.getByRole('radio', { name: 'URL' }).check();
  // Pasted from a spreadsheet: a tab between cells, a repeat and a line that is no URL.
  await dialog.getByLabel('Paths').fill(`${mine[0]}\t${mine[1]}\n${mine[0]}\nnot a url\n${foreign}\n`);
  await expect(dialog.getByTestId('new-refresh-counts')).toHaveText('3 paths in 2 calls over 2 domains.');
  await expect(dialog.getByText('1 repeated line merged')).toBeVisible();
  await expect(dialog.getByTestId('new-refresh-left-out-malformed-path')).toContainText('not a url');
  const remaining = quota.UrlQuota;
  await expect(dialog.getByTestId('new-refresh-quota').locator('td')).toHaveText([
    'URL refreshes',
    remaining.toLocaleString('en'),
    (remaining - 3).toLocaleString('en'),
  ]);
  await page.screenshot({ path: 'test-results/new-refresh/preview.png' });
  await dialog.getByRole('button', { name: 'Submit 3' }).click();

  await expect(dialog.getByTestId('new-refresh-outcome')).toHaveText('Submitted 2 paths as 1 task.');
  await expect(dialog.getByTestId('new-refresh-failed')).toHaveText(
    /^Domain not in this account: 1 path on not-in-this-account\.example\.test not submitted \(InvalidDomain\.NotFound\)$/,
  );
  await page.screenshot({ path: 'test-results/new-refresh/result.png' });
  // Upstream: one accepted call with the two URLs, one refused for the foreign domain.
  const calls = await submitCalls();
  expect(calls).toHaveLength(2);
  expect(calls.map((call) => call.code).sort()).toEqual(['InvalidDomain.NotFound', null].sort());
  const accepted = calls.find((call) => call.code === null);
  expect(accepted?.parameters.ObjectPath?.split('\n').sort()).toEqual([...mine].sort());

  await dialog.getByTestId('new-refresh-view-link').click();
  await expect(page).toHaveURL(/[?&]task=\d+/);
  const taskId = new URL(page.url()).searchParams.get('task') ?? '';
  const rows = page.locator(`[data-task-id="${taskId}"]`);
  await expect(rows).toHaveCount(2, { timeout: 15_000 });
  await emulator.clock({ advanceMs: 10 * 60_000 });
  const ended = (await emulator.tasks({ q: prefix, limit: 20 })).tasks.filter(
    (task) => task.taskId === taskId,
  );
  expect(ended).toHaveLength(2);
  for (const task of ended) {
    expect(['Complete', 'Failed']).toContain(task.status);
    await expect(rows.filter({ hasText: task.objectPath })).toContainText(task.status, { timeout: 20_000 });
  }

  // The activity page has it: who, what, the refusal, and how the tasks ended.
  await page.goto('/activity?user=demo&domain=not-in-this-account.example.test');
  // Newest first: this test's submission (the only one naming that domain in this server's life).
  const entry = page.getByTestId('activity-entry').first();
  await expect(entry.locator('details')).toContainText(`${DOMAIN}${prefix}app.js`);
  await expect(entry.getByTestId('activity-answer')).toHaveText(
    'The CDN API created 1 task. Refused: 1 path on not-in-this-account.example.test (InvalidDomain.NotFound).',
  );
  const complete = ended.filter((task) => task.status === 'Complete').length;
  await expect(entry.getByTestId('activity-outcome')).toContainText(
    `${complete} complete, ${2 - complete} failed, 0 still running.`,
  );
  await page.screenshot({ path: 'test-results/new-refresh/activity.png', fullPage: true });
});
