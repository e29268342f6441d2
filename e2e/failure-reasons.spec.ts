/** One label per failure reason, whatever the upstream's spelling; the raw text stays reachable. */
import { expect, test } from '@playwright/test';
import { freezeClock, unfreezeClock } from './emulator-control';

test.beforeAll(async () => {
  await freezeClock();
});
test.afterAll(async () => {
  await unfreezeClock();
});

test('"Origin Timeout" and "OriginTimeout" rows show one label, the raw text on hover and in the drawer', async ({
  page,
}) => {
  await page.goto('/tasks?status=Failed&reason=origin-timeout&from=now-3d&size=100');
  await expect(page.getByTestId('task-table')).toHaveAttribute('aria-busy', 'false');
  const cells = page.locator('[data-task-id] td:nth-child(7)');
  const labels = [...new Set(await cells.allTextContents())];
  expect(labels).toEqual(['Origin Timeout']);
  const raw = await cells
    .locator('span[title]')
    .evaluateAll((spans) => [...new Set(spans.map((span) => span.getAttribute('title')))]);
  // The data set spells this failure both ways; the table shows it one way.
  expect(raw.sort()).toEqual(['Origin Timeout', 'OriginTimeout']);

  const compact = page.locator('[data-task-id]', {
    has: page.locator('span[title="OriginTimeout"]'),
  });
  const taskId = (await compact.first().getAttribute('data-task-id')) ?? '';
  await compact.first().locator('a').click();
  const drawer = page.getByRole('dialog', { name: `Task ${taskId}` });
  await expect(
    drawer
      .getByTestId('raw-description')
      .filter({ hasText: /^OriginTimeout$/ })
      .first(),
  ).toBeVisible();
  await expect(drawer).toContainText('Origin Timeout: what it likely means');
});

test('the reason filter and chart use the same labels', async ({ page }) => {
  // Three days: internal errors are background failures, which follow Beijing office hours; six
  // hours in the Beijing night may hold none, and the reason chart then shows its empty state.
  await page.goto('/tasks?status=Failed&from=now-3d');
  const group = page.getByRole('group', { name: 'Failure reason' });
  await expect(group.getByRole('button')).toHaveText([
    'Origin Timeout',
    'Origin returned 5XX',
    'Internal Error',
    'Other failure',
  ]);
  await group.getByRole('button', { name: 'Internal Error' }).click();
  await expect(page).toHaveURL(/[?&]reason=internal-error/);
  await expect(page.getByRole('table', { name: 'Failures by reason' })).toContainText('Origin returned 5XX');
});
