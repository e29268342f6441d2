/** Views with nothing to show say what is empty and offer the likely next step. */
import { expect, test } from '@playwright/test';
import { freezeClock, unfreezeClock } from './emulator-control';

test.beforeAll(async () => {
  await freezeClock();
});
test.afterAll(async () => {
  await unfreezeClock();
});

// A task id no task has: the view is empty whatever the data set holds.
const NO_SUCH_TASK = '1';

test('an empty table and empty charts say so, and "Clear the filter" brings rows back', async ({ page }) => {
  await page.goto(`/tasks?task=${NO_SUCH_TASK}`);
  const empty = page.getByTestId('empty-result');
  await expect(empty).toContainText('No tasks match this view');
  await expect(page.getByTestId('chart-timeline')).toContainText('No tasks in this time range', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('chart-reasons')).toContainText('No failed tasks');
  await expect(page.getByTestId('chart-progress')).toContainText('No tasks in flight');
  // No empty axes behind the messages.
  await expect(page.getByTestId('chart-timeline').locator('.recharts-surface')).toHaveCount(0);
  await expect(empty.getByRole('button', { name: 'Widen to the last 3 days' })).toBeVisible();

  await empty.getByRole('button', { name: 'Clear the filter' }).click();
  await expect(page).not.toHaveURL(/task=/);
  await expect(page.locator('[data-task-id]').first()).toBeVisible();
  await expect(page.getByTestId('empty-result')).toBeHidden();
});

test('"Widen to the last 3 days" sets the whole kept window', async ({ page }) => {
  await page.goto(`/tasks?task=${NO_SUCH_TASK}&from=now-1h`);
  await page.getByTestId('empty-result').getByRole('button', { name: 'Widen to the last 3 days' }).click();
  await expect(page).toHaveURL(/[?&]from=now-3d/);
  await expect(page).toHaveURL(/[?&]task=1/);
  await expect(page.getByTestId('time-range-value')).toHaveText('Last 3 days');
});

test('a view with tasks but none in flight says so in the progress chart only', async ({ page }) => {
  await page.goto('/tasks?status=Complete&from=now-6h');
  const progress = page.getByTestId('chart-progress');
  await expect(progress).toContainText('No tasks in flight', { timeout: 30_000 });
  await expect(progress.getByRole('button', { name: 'Clear the filter' })).toBeVisible();
  await expect(page.getByTestId('chart-reasons')).toContainText('No failed tasks');
  await expect(page.getByTestId('chart-timeline').locator('.recharts-surface')).toHaveCount(1);
  await expect(page.getByTestId('chart-timeline')).not.toContainText('No tasks');
});

test('empty triage groups say so and offer the next step', async ({ page }) => {
  await page.goto(`/triage?task=${NO_SUCH_TASK}`);
  for (const group of ['triage-domains', 'triage-prefixes']) {
    const section = page.getByTestId(group);
    await expect(section).toContainText('No Origin Timeout failures in this window', { timeout: 30_000 });
    await expect(section.getByRole('button', { name: 'Widen to the last 3 days' })).toBeVisible();
  }
  await expect(page.getByTestId('triage-domains').locator('table')).toHaveCount(0);
});
