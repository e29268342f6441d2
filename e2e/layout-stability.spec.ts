/**
 * The parts of /tasks that arrive after the table (the sync line, the operator's resubmit bar, the
 * charts) hold their place from the first paint: the rows do not move under a reader's pointer as
 * they arrive. (A click aimed at a row's link used to land beside it, a row lower, on a busy machine.)
 */
import { expect, type Page, test } from '@playwright/test';
import { storeCaughtUp } from './support/store-sync';

test.beforeEach(async () => {
  await storeCaughtUp();
});

const firstRowTop = (page: Page) =>
  page
    .locator('[data-task-id]')
    .first()
    .evaluate((row) => Math.round(row.getBoundingClientRect().top + window.scrollY));

for (const { width, name } of [
  { width: 1440, name: 'a wide screen' },
  { width: 375, name: 'a phone' },
]) {
  test(`on ${name}, the first row stays where it was first drawn`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/tasks?status=Failed', { waitUntil: 'commit' });
    await expect(page.locator('[data-task-id]').first()).toBeVisible();
    // The first paint itself: a frame runs only once the page's stylesheets are in. Measured before
    // it, the layout was the unstyled one (a fresh-clone run saw 600 px against 762 with every
    // placeholder in place, and its first screen frame came later).
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    const before = await firstRowTop(page);

    // The late parts, each in; slow on a busy machine, as charts.spec.ts knows.
    const late = { timeout: 30_000 };
    await expect(page.getByTestId('synced-ago-text')).toBeVisible(late);
    await expect(page.getByTestId('resubmit-view')).toBeVisible(late);
    await expect(page.getByTestId(width < 640 ? 'charts-toggle' : 'chart-reasons')).toBeVisible(late);
    await expect(page.getByTestId('task-table')).toHaveAttribute('aria-busy', 'false');
    expect(await firstRowTop(page)).toBe(before);
  });
}
