/**
 * The explorer's code is not in the first load: the page shows its server-rendered table at once and
 * hydrates when that chunk is in. Clicks made meanwhile must still happen. Each test holds back every
 * script the page's HTML does not name (the chunks asked for while hydrating) until it has clicked,
 * checks that nothing ran yet, then lets them through.
 */
import { expect, type Page, test } from '@playwright/test';
import { freezeClock, unfreezeClock } from './emulator-control';

test.beforeAll(async () => {
  await freezeClock();
});
test.afterAll(async () => {
  await unfreezeClock();
});

/** Opens `path` with the later chunks held; resolves once the first of them has been asked for. */
async function openWithLaterChunksHeld(page: Page, path: string): Promise<{ release: () => void }> {
  const named = new Set<string>();
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(
    (url) => url.pathname === new URL(path, 'http://x').pathname,
    async (route) => {
      const response = await route.fetch();
      const html = await response.text();
      for (const [, src] of html.matchAll(/<script[^>]* src="([^"]+)"/g)) if (src) named.add(src);
      await route.fulfill({ response, body: html });
    },
    // The document only: the page's own later requests for the path (router prefetches) go through.
    { times: 1 },
  );
  const asked = page.waitForRequest((request) => {
    const url = new URL(request.url());
    return (
      url.pathname.startsWith('/_next/static/chunks/') &&
      url.pathname.endsWith('.js') &&
      !named.has(url.pathname)
    );
  });
  await page.route('**/_next/static/chunks/*.js', async (route) => {
    if (!named.has(new URL(route.request().url()).pathname)) await released;
    await route.continue();
  });
  await page.goto(path, { waitUntil: 'commit' });
  await asked;
  return { release };
}

test('a filter clicked before the explorer hydrates is applied once it has', async ({ page }) => {
  const { release } = await openWithLaterChunksHeld(page, '/tasks?from=now-6h');
  const table = page.getByTestId('task-table');
  await expect(table).toBeVisible();
  const failed = page
    .getByRole('group', { name: 'Status' })
    .getByRole('button', { name: 'Failed', exact: true });
  await failed.click();
  const file = page.getByRole('group', { name: 'Type' }).getByRole('button', { name: 'file', exact: true });
  await file.click();
  // Not hydrated yet: the clicks are held, nothing has happened.
  await expect(failed).toHaveAttribute('aria-pressed', 'false');
  expect(page.url()).not.toMatch(/status=/);

  release();
  await expect(page).toHaveURL(/[?&]status=Failed/);
  await expect(page).toHaveURL(/[?&]type=file/);
  await expect(failed).toHaveAttribute('aria-pressed', 'true');
  await expect(file).toHaveAttribute('aria-pressed', 'true');
  await expect(table).toHaveAttribute('aria-busy', 'false');
  const statuses = await page.locator('[data-task-id] td:nth-child(4)').allTextContents();
  expect(statuses.length).toBeGreaterThan(0);
  expect(new Set(statuses)).toEqual(new Set(['Failed']));
});

test('a row clicked before the explorer hydrates opens its details', async ({ page }) => {
  const to = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const { release } = await openWithLaterChunksHeld(page, `/tasks?from=now-6h&to=${to}`);
  const link = page.locator('[data-task-id] a').first();
  const taskId = (await link.textContent()) ?? '';
  await link.click();
  // The link's own navigation was held too: still the same document, no drawer.
  expect(page.url()).not.toMatch(/sel=/);

  release();
  await expect(page).toHaveURL(new RegExp(`[?&]sel=${taskId}`));
  await expect(page.getByRole('dialog', { name: `Task ${taskId}` })).toBeVisible();
});

test('an empty view\'s "Clear the filter" clicked before hydration brings rows back', async ({ page }) => {
  const { release } = await openWithLaterChunksHeld(page, '/tasks?task=1');
  const empty = page.getByTestId('empty-result');
  await empty.getByRole('button', { name: 'Clear the filter' }).click();
  expect(page.url()).toMatch(/task=1/);

  release();
  await expect(page).not.toHaveURL(/task=/);
  await expect(page.locator('[data-task-id]').first()).toBeVisible();
});

test('"/" pressed before the explorer hydrates focuses the search once it has', async ({ page }) => {
  const { release } = await openWithLaterChunksHeld(page, '/tasks?from=now-6h');
  await expect(page.getByTestId('task-table')).toBeVisible();
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox');
  await expect(search).not.toBeFocused();

  release();
  await expect(search).toBeFocused();
});
