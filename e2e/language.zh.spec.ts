/**
 * Which language: the browser's Accept-Language (this project's browser asks for zh-CN), then the
 * header's switch, remembered in the `locale` cookie. The language never enters the address, so one
 * link is one view in either language, and the CSV's header follows the request's language.
 */
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { OPERATOR_STORAGE_STATE } from '../playwright.config';
import { hydrated } from './support/hydrated';
import { storeCaughtUp } from './support/store-sync';

// The reader's browser asks for Chinese (Accept-Language: zh-CN).
test.use({ locale: 'zh-CN' });

const HTML_LANG = 'html';

/** An absolute window in the past, so rows cannot come or go between two readings of it. */
function pastWindow(): string {
  const to = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000);
  const from = new Date(to.getTime() - 2 * 86_400_000);
  const iso = (at: Date) => at.toISOString().replace('.000Z', 'Z');
  return `from=${iso(from)}&to=${iso(to)}`;
}

async function rowIds(page: Page): Promise<string[]> {
  await expect(page.locator('[data-task-id]').first()).toBeVisible();
  return page
    .locator('[data-task-id]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-task-id') ?? ''));
}

async function englishContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ locale: 'en-US', storageState: OPERATOR_STORAGE_STATE });
}

test.beforeAll(async () => {
  await storeCaughtUp();
});

test('a browser that asks for Chinese gets the dashboard in Chinese', async ({ page }) => {
  await page.goto('/tasks');
  await expect(page.locator(HTML_LANG)).toHaveAttribute('lang', 'zh-CN');
  const nav = page.getByRole('navigation', { name: '主导航' });
  await expect(nav.getByRole('link', { name: '任务' })).toBeVisible();
  await expect(nav.getByRole('link', { name: '故障排查' })).toBeVisible();
  await expect(nav.getByRole('link', { name: '告警' })).toBeVisible();
  await expect(page.getByTestId('current-role')).toHaveText('运维人员');
  await expect(page.getByTestId('demo-badge')).toHaveText('演示数据');
  await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();
  // The switch offers the other language, named in that language.
  await expect(page.getByTestId('language-switch')).toHaveText('English');
  expect(await page.locator('meta[name="description"]').getAttribute('content')).toBe(
    '查看阿里云 CDN 的刷新、预热和屏蔽任务。',
  );
});

test('the switch remembers English in a cookie and keeps the address as it was', async ({
  page,
  baseURL,
}) => {
  const address = `/tasks?status=Failed&${pastWindow()}`;
  await page.goto(address);
  await expect(page.locator(HTML_LANG)).toHaveAttribute('lang', 'zh-CN');
  // Live, the form sends the address bar as it is. Before, it sends the address the server saw,
  // whose colons Next.js has encoded: the same view, which the test without JavaScript checks.
  await hydrated(page);

  await page.getByTestId('language-switch').click();
  await expect(page.locator(HTML_LANG)).toHaveAttribute('lang', 'en');
  expect(page.url()).toBe(`${baseURL}${address}`);
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' }),
  ).toBeVisible();
  await expect(page.getByTestId('current-role')).toHaveText('operator');
  await expect(page.getByTestId('language-switch')).toHaveText('中文');

  const cookie = (await page.context().cookies()).find((candidate) => candidate.name === 'locale');
  expect(cookie).toMatchObject({ value: 'en', path: '/', httpOnly: true, sameSite: 'Lax', secure: false });
  // A year, give or take the test's own run time.
  const days = ((cookie?.expires ?? 0) * 1000 - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(364);
  expect(days).toBeLessThanOrEqual(365);

  // The cookie outweighs the browser's Accept-Language on the next visit too, and the switch goes back.
  await page.goto('/triage');
  await expect(page.locator(HTML_LANG)).toHaveAttribute('lang', 'en');
  await page.getByTestId('language-switch').click();
  await expect(page.locator(HTML_LANG)).toHaveAttribute('lang', 'zh-CN');
  expect(page.url()).toBe(`${baseURL}/triage`);
  expect((await page.context().cookies()).find((candidate) => candidate.name === 'locale')?.value).toBe('zh');
});

test('the switch works without JavaScript', async ({ browser, baseURL }) => {
  const context = await browser.newContext({
    locale: 'zh-CN',
    storageState: OPERATOR_STORAGE_STATE,
    javaScriptEnabled: false,
  });
  try {
    const page = await context.newPage();
    const address = `/tasks?status=Failed&type=file&${pastWindow()}`;
    await page.goto(address);
    await expect(page.locator(HTML_LANG)).toHaveAttribute('lang', 'zh-CN');
    await page.getByTestId('language-switch').click();
    await expect(page.locator(HTML_LANG)).toHaveAttribute('lang', 'en');
    // Without scripts the form sends the address as the server saw it, where Next.js has already
    // percent-encoded the query's colons: the same path and the same keys and values.
    const back = new URL(page.url());
    const asked = new URL(`${baseURL}${address}`);
    expect(back.pathname).toBe(asked.pathname);
    expect([...back.searchParams]).toEqual([...asked.searchParams]);
    await expect(page.getByTestId('language-switch')).toHaveText('中文');
  } finally {
    await context.close();
  }
});

test('a link copied in Chinese opens the same view, the same rows, in English', async ({ page, browser }) => {
  await page.goto(`/tasks?status=Failed&${pastWindow()}`);
  await expect(page.locator(HTML_LANG)).toHaveAttribute('lang', 'zh-CN');
  const chineseRows = await rowIds(page);
  expect(chineseRows.length).toBeGreaterThan(1);
  const link = page.url();
  expect(link).not.toMatch(/locale|lang|zh/);

  const english = await englishContext(browser);
  try {
    const other = await english.newPage();
    await other.goto(link);
    await expect(other.locator(HTML_LANG)).toHaveAttribute('lang', 'en');
    expect(other.url()).toBe(link);
    expect(await rowIds(other)).toEqual(chineseRows);
  } finally {
    await english.close();
  }
});

test('the CSV header follows the request’s language; the rows are the same in both', async ({
  page,
  baseURL,
}) => {
  const query = `status=Failed&${pastWindow()}`;
  const chinese = await page.request.get(`/api/tasks/export?${query}`, {
    headers: { 'Accept-Language': 'zh-CN' },
  });
  expect(chinese.status()).toBe(200);
  const [zhHeader, ...zhRows] = (await chinese.text()).slice(1).trim().split('\r\n');
  expect(zhHeader).toBe('任务 ID,对象路径,类型,状态,进度,创建时间,域名,失败原因,描述');

  const english = await page.request.get(`/api/tasks/export?${query}`, {
    headers: { 'Accept-Language': 'en-US' },
  });
  const [enHeader, ...enRows] = (await english.text()).slice(1).trim().split('\r\n');
  expect(enHeader).toBe('taskId,objectPath,objectType,status,progress,createdAt,domain,reason,description');

  expect(zhRows.length).toBeGreaterThan(1);
  expect(zhRows).toEqual(enRows);
  // The values stay as the upstream and the contract have them: a sheet filters the same in both.
  expect(zhRows.every((row) => row.includes(',Failed,'))).toBe(true);

  // The cookie decides before Accept-Language, as for the pages.
  await page.context().addCookies([{ name: 'locale', value: 'en', url: baseURL ?? '' }]);
  const chosen = await page.request.get(`/api/tasks/export?${query}`, {
    headers: { 'Accept-Language': 'zh-CN' },
  });
  expect((await chosen.text()).slice(1).split('\r\n')[0]).toBe(enHeader);
});
