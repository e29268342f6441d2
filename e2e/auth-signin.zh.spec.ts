/**
 * The sign-in page for a reader whose browser asks for Chinese: its words, its errors (a wrong
 * password, too many tries), the language switch before signing in, and axe in Chinese.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { hydrated } from './support/hydrated';

// Signed out, and the reader's browser asks for Chinese (Accept-Language: zh-CN).
test.use({ locale: 'zh-CN', storageState: { cookies: [], origins: [] } });

/** Fills in the sign-in page the way a Chinese-reading person does: by its Chinese labels. */
async function signInInChinese(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

test('the sign-in page is in Chinese, with the upstream-free demo hint, and axe finds nothing serious', async ({
  page,
}) => {
  await page.goto('/tasks?status=Failed');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Ftasks%3Fstatus%3DFailed$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page).toHaveTitle('登录 · CDN Refresh Monitor');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('登录');
  await expect(page.getByRole('form', { name: '使用密码登录' })).toBeVisible();
  const hint = page.getByTestId('demo-signin-hint');
  await expect(hint).toContainText('演示模式。');
  await expect(hint).toContainText('运维人员');
  // The account's name and password are what to type, so they stay as they are.
  await expect(hint.locator('kbd')).toHaveText(['demo', 'demo']);
  await expect(page.getByRole('button', { name: '使用单点登录' })).toBeVisible();
  await expect(page.getByTestId('language-switch')).toHaveText('English');

  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.length} × ${v.help}`)).toEqual([]);
});

test('a wrong password is refused in Chinese', async ({ page }) => {
  await page.goto('/signin');
  await signInInChinese(page, 'victor', 'not-his-password');
  await expect(page.getByTestId('signin-error')).toHaveText('用户名或密码错误。');
  await expect(page).toHaveURL(/\/signin/);
});

test('too many tries are refused in Chinese', async ({ page }) => {
  // An address of its own (the e2e server trusts the tests' X-Forwarded-For), so the lock it earns
  // stays with this test.
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': `198.51.100.${Math.floor(Math.random() * 250) + 1}` });
  const username = `zh-probe-${Date.now()}`;
  await page.goto('/signin');
  for (let attempt = 1; attempt <= 5; attempt++) {
    await signInInChinese(page, username, `wrong-${attempt}`);
    await expect(page.getByTestId('signin-error')).toHaveText('用户名或密码错误。');
    await expect(page.getByRole('button', { name: '登录', exact: true })).toBeEnabled();
  }
  await signInInChinese(page, username, 'wrong-6');
  await expect(page.getByTestId('signin-error')).toHaveText('登录失败次数过多，请等待几分钟后再试。');
});

test('an error code in the address is worded in Chinese, an unknown one in general terms', async ({
  page,
}) => {
  await page.goto('/signin?error=OAuthCallback');
  await expect(page.getByTestId('signin-error')).toHaveText('单点登录未完成，请重试或联系管理员。');
  await page.goto('/signin?error=SomethingElse');
  await expect(page.getByTestId('signin-error')).toHaveText('登录失败，请重试。');
});

test('the switch before signing in: English at once, the address kept, and English after signing in', async ({
  page,
  baseURL,
}) => {
  await page.goto('/tasks?status=Failed&type=file');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  const signInAddress = page.url();

  await page.getByTestId('language-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(page.url()).toBe(signInAddress);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  await expect(page.getByTestId('language-switch')).toHaveText('中文');

  await page.getByLabel('Username', { exact: true }).fill('demo');
  await page.getByLabel('Password', { exact: true }).fill('demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(`${baseURL}/tasks?status=Failed&type=file`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('current-role')).toHaveText('operator');
});

test('signed in, the header is Chinese; signing out lands on the sign-in page in Chinese', async ({
  page,
  baseURL,
}) => {
  await page.goto('/tasks');
  await signInInChinese(page, 'victor', 'victor-viewer-pw');
  await expect(page.getByTestId('current-user')).toHaveText('victor');
  await expect(page.getByTestId('current-role')).toHaveText('只读用户');
  await hydrated(page);
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(`${baseURL}/signin`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('登录');
});
