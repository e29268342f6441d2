import { expect, type Page, test } from '@playwright/test';
import { freezeClock, unfreezeClock } from './emulator-control';
import { storeCaughtUp } from './support/store-sync';

test.beforeAll(async () => {
  await freezeClock();
  await storeCaughtUp();
});
test.afterAll(async () => {
  await unfreezeClock();
});

async function visibleRowKeys(page: Page): Promise<string[]> {
  await expect(page.getByTestId('task-table')).toHaveAttribute('aria-busy', 'false');
  return page
    .locator('[data-row-key]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-row-key') ?? ''));
}

const column = (page: Page, index: number) =>
  page.locator(`[data-task-id] td:nth-child(${index})`).allTextContents();
const distinct = async (values: Promise<string[]>) => [...new Set(await values)].sort();

test('the task table shows emulator data in demo mode', async ({ page }) => {
  await page.goto('/tasks');
  await expect(page.getByTestId('demo-badge')).toHaveText('Demo data');
  expect(await visibleRowKeys(page)).toHaveLength(20);
  await expect(page.getByTestId('pagination-summary')).toContainText(/^1–20 of [\d,]+ tasks$/);
});

test('a filter lives in the URL and survives a reload', async ({ page }) => {
  await page.goto('/tasks');
  const before = await visibleRowKeys(page);

  await page.getByRole('group', { name: 'Status' }).getByRole('button', { name: 'Failed' }).click();
  await expect(page).toHaveURL(/[?&]status=Failed/);
  await page.getByRole('group', { name: 'Type' }).getByRole('button', { name: 'file' }).click();
  await expect(page).toHaveURL(/[?&]type=file/);
  await expect.poll(() => distinct(column(page, 3))).toEqual(['file']);
  await expect.poll(() => distinct(column(page, 4))).toEqual(['Failed']);

  const filtered = await visibleRowKeys(page);
  expect(filtered.length).toBeGreaterThan(0);
  expect(filtered).not.toEqual(before);

  const url = page.url();
  await page.reload();
  expect(page.url()).toBe(url);
  await expect(
    page.getByRole('group', { name: 'Status' }).getByRole('button', { name: 'Failed' }),
  ).toHaveAttribute('aria-pressed', 'true');
  expect(await visibleRowKeys(page)).toEqual(filtered);

  await page.goBack();
  await expect(page).not.toHaveURL(/type=file/);
  await expect(page).toHaveURL(/status=Failed/);
});

test('paging and page size are part of the address', async ({ page }) => {
  // The view's end pinned: rows an earlier spec stored with a later stamp (it ran the emulator's
  // clock ahead) would otherwise enter the list between two pages and shift them.
  const to = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  await page.goto(`/tasks?to=${to}`);
  const first = await visibleRowKeys(page);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(page.getByTestId('pagination-summary')).toContainText(/^21–40 of/);
  const second = await visibleRowKeys(page);
  expect(second).toHaveLength(20);
  expect(second.filter((key) => first.includes(key))).toEqual([]);

  await page.getByLabel('Rows per page').selectOption('50');
  await expect(page).toHaveURL(/[?&]size=50/);
  await expect(page.getByTestId('pagination-summary')).toContainText(/^1–50 of/);
  await expect(page).not.toHaveURL(/page=2/);
  expect(await visibleRowKeys(page)).toHaveLength(50);
});

test('a bad value in the address is ignored with a notice', async ({ page }) => {
  // Status is an open set (the upstream adds values), but not free text.
  await page.goto('/tasks?status=Done!&size=7&type=file');
  await expect(page.getByTestId('url-problems')).toContainText('status');
  await expect(page.getByTestId('url-problems')).toContainText('size');
  await expect.poll(() => distinct(column(page, 3))).toEqual(['file']);
});
