/** The explorer on a 375 px phone: rows as cards, filters folded behind a counting button. */
import { expect, type Locator, test } from '@playwright/test';
import { freezeClock, unfreezeClock } from './emulator-control';

test.beforeAll(async () => {
  await freezeClock();
});
test.afterAll(async () => {
  await unfreezeClock();
});

test.use({ viewport: { width: 375, height: 800 } });

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error('not rendered');
  return found;
}

test('each task is a card with status, time, the whole path and progress on screen', async ({ page }) => {
  await page.goto('/tasks?from=now-6h');
  const table = page.getByTestId('task-table');
  await expect(table).toHaveAttribute('aria-busy', 'false');
  const card = page.locator('[data-task-id]').first();

  for (const cell of [4, 5, 6]) {
    const { x, width } = await box(card.locator(`td:nth-child(${cell})`));
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x + width).toBeLessThanOrEqual(375);
  }
  // Nothing scrolls sideways, not even the table's own box.
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
  ).toBeLessThanOrEqual(0);
  expect(
    await table.evaluate((element) => {
      const scroller = element.parentElement as HTMLElement;
      return scroller.scrollWidth - scroller.clientWidth;
    }),
  ).toBeLessThanOrEqual(0);
  // The path wraps instead of being cut off.
  const paths = page.locator('[data-task-id] td:nth-child(2) span');
  const cut = await paths.evaluateAll((spans) =>
    spans.filter((span) => span.scrollWidth > span.clientWidth).map((span) => span.textContent),
  );
  expect(cut).toEqual([]);
  // Status and time sit side by side on the card's first line.
  const status = await box(card.locator('td:nth-child(4)'));
  const created = await box(card.locator('td:nth-child(6)'));
  expect(Math.abs(status.y + status.height / 2 - (created.y + created.height / 2))).toBeLessThan(12);
  expect(created.x).toBeGreaterThan(status.x);

  await page.screenshot({ path: 'test-results/tasks-375-cards.png', fullPage: true });
});

test('the charts fold on a phone and open from their button', async ({ page }) => {
  await page.goto('/tasks?from=now-6h');
  const toggle = page.getByTestId('charts-toggle');
  // The charts are their own chunk, loaded after the table; on a busy machine that takes a while.
  await expect(toggle).toHaveAttribute('aria-expanded', 'false', { timeout: 30_000 });
  await expect(page.getByTestId('chart-timeline')).toBeHidden();
  await toggle.click();
  await expect(page.getByTestId('chart-timeline')).toBeVisible({ timeout: 30_000 });
  const { width } = await box(page.getByTestId('chart-timeline'));
  expect(width).toBeLessThanOrEqual(375);
});

test('tapping anywhere on a card opens its details', async ({ page }) => {
  // The view's end pinned, so no row entering the list moves another card under the tap.
  const to = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  await page.goto(`/tasks?from=now-6h&to=${to}`);
  await expect(page.getByTestId('task-table')).toHaveAttribute('aria-busy', 'false');
  const card = page.locator('[data-task-id]').first();
  const taskId = (await card.getAttribute('data-task-id')) ?? '';
  // A real tap on the path, well away from the id link (which stretches over the whole card). The
  // point is taken relative to the card, and Playwright finds the card where it is at the tap: the
  // operator's quota and resubmit bar load after the table and push it down.
  const [cardBox, path] = [await box(card), await box(card.locator('td:nth-child(2)'))];
  await card.click({ position: { x: path.x - cardBox.x + 8, y: path.y - cardBox.y + path.height / 2 } });
  await expect(page).toHaveURL(new RegExp(`[?&]sel=${taskId}`));
  await expect(page.getByRole('dialog', { name: `Task ${taskId}` })).toBeVisible();
});

test('the filters fold behind a button that counts the active ones', async ({ page }) => {
  await page.goto('/tasks?status=Failed&type=file&from=now-6h');
  const toggle = page.getByTestId('filters-toggle');
  await expect(toggle).toHaveText(/^Filters \(3\)/);
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  const status = page.getByRole('group', { name: 'Status' });
  await expect(status).toBeHidden();
  // The rows start on the first screen, not below a page of filters and charts.
  await expect(page.getByTestId('charts-toggle')).toBeVisible({ timeout: 30_000 });
  const firstRow = await box(page.locator('[data-task-id]').first());
  expect(firstRow.y).toBeLessThan(800);

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(status).toBeVisible();
  await status.getByRole('button', { name: 'Pending' }).click();
  await expect(page).toHaveURL(/status=Pending/);
  await expect(toggle).toHaveText(/^Filters \(4\)/);
  await page.screenshot({ path: 'test-results/tasks-375-filters-open.png', fullPage: true });
});

test('on a wide screen the filters show and no fold button does', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/tasks?status=Failed&from=now-6h');
  await expect(page.getByRole('group', { name: 'Status' })).toBeVisible();
  await expect(page.getByTestId('filters-toggle')).toBeHidden();
  await expect(page.getByTestId('chart-timeline')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('charts-toggle')).toBeHidden();
  await expect(page.getByTestId('task-table').locator('thead')).toBeVisible();
  // Rows stay one line high: long paths are cut with an ellipsis, not wrapped at their slashes.
  const heights = await page
    .locator('[data-task-id] td:nth-child(2) span')
    .evaluateAll((spans) => spans.map((span) => span.getBoundingClientRect().height));
  expect(Math.max(...heights)).toBeLessThan(24);
});

test('each triage group is a card: where, how many, when and Resubmit on screen, nothing scrolls sideways', async ({
  page,
}) => {
  await page.goto('/triage?from=now-24h');
  const section = page.getByTestId('triage-prefixes');
  const card = section.locator('[data-group]').first();
  await expect(card).toBeVisible();
  for (const cell of await card.locator('td').all()) {
    const { x, width } = await box(cell);
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x + width).toBeLessThanOrEqual(375);
  }
  // The columns' names travel with the values that need them (the header row is hidden).
  await expect(card.locator('td[data-label="First seen"]')).toBeVisible();
  const where = await box(card.locator('td').first());
  const count = await box(card.locator('td').nth(1));
  expect(count.y).toBeGreaterThan(where.y);
  for (const group of ['triage-domains', 'triage-prefixes']) {
    const overflow = await page
      .getByTestId(group)
      .locator('table')
      .evaluate((table) => {
        const scroller = table.parentElement as HTMLElement;
        return scroller.scrollWidth - scroller.clientWidth;
      });
    expect(overflow, group).toBeLessThanOrEqual(0);
  }
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
  ).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'test-results/triage-375-cards.png', fullPage: true });
});
