/**
 * Made-up resource groups (docs/sync.md, "Resource groups"), on a private demo server with a store of
 * its own (so no other spec's groups count): a signed-in person's first five new groups are looked
 * up, the sixth is not, and the task view says so, naming the limit, in light and dark, at 375 px.
 */
import { expect, test } from '@playwright/test';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { NEW_GROUPS_PER_USER_PER_HOUR } from '../lib/resource-group-limits';
import { E2E_PORT } from '../playwright.config';
import { type PrivateAppServer, startOnBuild } from './support/app-server';
import { signInThroughPage } from './support/sign-in';

test.use({ storageState: { cookies: [], origins: [] } });
test.describe.configure({ mode: 'serial' });

const PORT = E2E_PORT + 21;
let emulator: RunningEmulator;
let app: PrivateAppServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  emulator = await startEmulator({ port: 0, tasks: 300, seed: 5 });
  app = await startOnBuild({
    port: PORT,
    env: { DEMO: '1', EMULATOR_PORT: String(emulator.port), TRUSTED_PROXIES: '', LOG_LEVEL: 'warn' },
  });
});

test.afterAll(async () => {
  await app?.stop();
  await emulator?.close();
});

test('the sixth new resource group in an hour is not looked up, and the page says why', async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${app.url}/tasks`);
  await signInThroughPage(page, 'demo', 'demo');
  await expect(page).toHaveURL(/\/tasks/);
  for (let n = 1; n <= NEW_GROUPS_PER_USER_PER_HOUR; n += 1) {
    const answer = await page.request.get(`${app.url}/api/tasks?rg=made-up-${n}`);
    expect(answer.status()).toBe(200);
    expect(((await answer.json()) as { resourceGroup: string }).resourceGroup).not.toBe('limited');
  }
  const limited = await page.request.get(`${app.url}/api/tasks?rg=made-up-6`);
  expect(await limited.json()).toMatchObject({ resourceGroup: 'limited', partial: true, total: 0 });

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto(`${app.url}/tasks?rg=made-up-6`);
    const notice = page.getByTestId('resource-group-limited');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('made-up-6');
    await expect(notice).toContainText(`${NEW_GROUPS_PER_USER_PER_HOUR} new resource groups`);
    await expect(page.getByTestId('partial-result')).toHaveCount(0);
    const box = await notice.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(375);
    await page.screenshot({
      path: testInfo.outputPath(`group-limited-375-${colorScheme}.png`),
      fullPage: true,
    });
  }
  // A group already asked for stays looked up: the first one is pending or known, never limited.
  await page.goto(`${app.url}/tasks?rg=made-up-1`);
  await expect(page.getByTestId('resource-group-limited')).toHaveCount(0);
  await context.close();
});
