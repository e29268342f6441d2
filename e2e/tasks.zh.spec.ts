/**
 * The explorer for a reader whose browser asks for Chinese (its test.use asks for Chinese: Accept-Language
 * zh-CN): every label in Chinese, URL values and the upstream's own text exactly as they are.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { freezeClock, unfreezeClock } from './emulator-control';
import { hydrated } from './support/hydrated';
import { storeCaughtUp } from './support/store-sync';

// The reader's browser asks for Chinese (Accept-Language: zh-CN).
test.use({ locale: 'zh-CN' });

test.beforeAll(async () => {
  await freezeClock();
  await storeCaughtUp();
});
test.afterAll(async () => {
  await unfreezeClock();
});

async function settledRowKeys(page: Page): Promise<string[]> {
  await expect(page.getByTestId('task-table')).toHaveAttribute('aria-busy', 'false');
  return page
    .locator('[data-row-key]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-row-key') ?? ''));
}

const column = (page: Page, index: number) =>
  page.locator(`[data-task-id] td:nth-child(${index})`).allTextContents();
const distinct = async (values: Promise<string[]>) => [...new Set(await values)].sort();

test('the task table in Chinese: columns, paging and the time range', async ({ page }) => {
  await page.goto('/tasks');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page).toHaveTitle(/任务/);
  expect(await settledRowKeys(page)).toHaveLength(20);
  await expect(page.locator('[data-testid="task-table"] thead th')).toHaveText([
    '任务 ID',
    '对象路径',
    '类型',
    '状态',
    '进度',
    '创建时间',
    '失败原因',
    '选择以重新提交',
  ]);
  await expect(page.getByTestId('pagination-summary')).toHaveText(/^第 1–20 个，共 [\d,]+ 个任务$/);
  await expect(page.getByTestId('time-range-value')).toHaveText('最近 24 小时');
  await expect(page.getByRole('navigation', { name: '分页' })).toContainText('第 1 页，共');
});

test('status and type filters in Chinese write URL values that survive a reload', async ({ page }) => {
  await page.goto('/tasks');
  const status = page.getByRole('group', { name: '状态' });
  await expect(status.getByRole('button')).toHaveText(['完成', '刷新中', '失败', '等待中', '超时', '已取消']);
  await status.getByRole('button', { name: '失败', exact: true }).click();
  await expect(page).toHaveURL(/[?&]status=Failed(&|$)/);
  await page.getByRole('group', { name: '类型' }).getByRole('button', { name: '文件', exact: true }).click();
  await expect(page).toHaveURL(/[?&]type=file(&|$)/);
  await expect.poll(() => distinct(column(page, 3))).toEqual(['文件']);
  await expect.poll(() => distinct(column(page, 4))).toEqual(['失败']);
  await expect(
    page.getByRole('group', { name: '失败原因' }).getByRole('button', { name: '回源超时' }),
  ).toBeVisible();
  const filtered = await settledRowKeys(page);
  expect(filtered.length).toBeGreaterThan(0);

  const url = page.url();
  await page.reload();
  expect(page.url()).toBe(url);
  await expect(
    page.getByRole('group', { name: '状态' }).getByRole('button', { name: '失败', exact: true }),
  ).toHaveAttribute('aria-pressed', 'true');
  expect(await settledRowKeys(page)).toEqual(filtered);
});

test('the drawer: the reason in Chinese beside the upstream’s raw description, and the guide in Chinese', async ({
  page,
}) => {
  await page.goto('/tasks?status=Failed&reason=origin-timeout&from=now-3d');
  await settledRowKeys(page);
  const row = page.locator('[data-task-id]').first();
  const taskId = (await row.getAttribute('data-task-id')) ?? '';
  await page
    .getByRole('link', { name: `任务 ${taskId} 的详情` })
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`[?&]sel=${taskId}`));

  const drawer = page.getByRole('dialog', { name: `任务 ${taskId}` });
  await expect(drawer).toBeVisible();
  const detail = drawer.locator('article').first();
  await expect(detail.getByTestId('reason-label')).toHaveText('回源超时');
  // The upstream's own words, as it wrote them (the data set spells this failure two ways).
  await expect(detail.getByTestId('raw-description')).toHaveText(/^Origin ?Timeout$/);
  await expect(detail).toContainText('阿里云原始描述');
  await expect(detail.getByText('失败', { exact: true })).toBeVisible();
  const guide = detail.getByRole('region', { name: '此失败的含义' });
  await expect(guide.getByRole('heading', { level: 3 })).toHaveText('回源超时：可能的原因');
  await expect(guide).toContainText('CDN 节点向源站请求该对象');
  await expect(guide.getByRole('heading', { level: 4 })).toHaveText('检查事项');
  await expect(guide.getByRole('listitem')).toHaveCount(5);
  await expect(guide.getByRole('listitem').last()).toContainText('防火墙');
  await expect(detail.getByRole('link', { name: '此路径的所有任务' })).toHaveAttribute('href', /path=/);
  await expect(drawer.getByRole('button', { name: /^关闭/ })).toBeFocused();

  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(page).not.toHaveURL(/sel=/);
});

test('the time-zone toggle in Chinese writes tz to the URL and shows times in UTC', async ({ page }) => {
  await page.goto('/tasks?status=Failed');
  await hydrated(page);
  const zone = page.getByLabel('时间显示');
  await expect(zone.locator('option')).toHaveText(['本地时间', 'UTC']);
  await zone.selectOption('utc');
  await expect(page).toHaveURL(/[?&]tz=utc(&|$)/);
  const time = page.locator('[data-task-id] td:nth-child(6) time').first();
  await expect(time).toContainText('UTC');
  // The cell shows the same instant as its ISO datetime, in UTC (whichever date separator it uses).
  const [, year, month, day, clock] = /^(\d{4})-(\d{2})-(\d{2})T([\d:]{8})Z$/.exec(
    (await time.getAttribute('datetime')) ?? '',
  ) ?? ['', 'no', 'iso', 'time', 'here'];
  await expect(time).toHaveText(new RegExp(`^${year}[-/]${month}[-/]${day} ${clock}\\s*UTC$`));

  await zone.selectOption('local');
  await expect(page).not.toHaveURL(/tz=/);
});

test('“synced … ago” and “updated … ago” in Chinese', async ({ page }) => {
  await page.goto('/tasks');
  await hydrated(page);
  await expect(page.getByTestId('updated-ago-text')).toHaveText(/^\d+\s*(秒钟|分钟|小时|天)前更新$/);
  // The sync status is a chunk of its own, loaded after the table; on a busy machine that takes a while.
  await expect(page.getByTestId('synced-ago-text')).toHaveText(/^\d+\s*(秒钟|分钟|小时|天)前同步$/, {
    timeout: 30_000,
  });
  await expect(page.getByRole('link', { name: '导出 CSV' })).toBeVisible();
  await expect(page.getByRole('button', { name: '复制链接' })).toBeVisible();
});

test('a bad value in the address is ignored with a notice in Chinese, naming the key as written', async ({
  page,
}) => {
  await page.goto('/tasks?status=Done!&size=7&type=file');
  const notice = page.getByTestId('url-problems');
  await expect(notice).toContainText('地址中的部分参数无法识别，已忽略：');
  const items = notice.getByRole('listitem');
  await expect(items).toHaveText([
    'status：不接受 "Done!"，应为任务状态，如 Complete, Refreshing, Failed, Pending',
    'size：不接受 "7"，应为以下值之一：20, 50, 100',
  ]);
  await expect(items.first().locator('code')).toHaveText('status');
  await expect.poll(() => distinct(column(page, 3))).toEqual(['文件']);
  await notice.getByRole('button', { name: '关闭' }).click();
  await expect(notice).toBeHidden();
});

test('at 375 px in Chinese: cards, the folded filters, nothing scrolls sideways', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/tasks?from=now-6h&status=Failed');
  await settledRowKeys(page);
  const toggle = page.getByTestId('filters-toggle');
  await expect(toggle).toHaveText(/^筛选 \(2\)/);
  await expect(page.getByRole('group', { name: '状态' })).toBeHidden();
  await toggle.click();
  await expect(page.getByRole('group', { name: '状态' })).toBeVisible();
  await expect(page.locator('[data-task-id] td:nth-child(4)').first()).toHaveText('失败');
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
  ).toBeLessThanOrEqual(0);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no serious accessibility violations in Chinese with the drawer open (${colorScheme})`, async ({
    page,
  }) => {
    // axe's analysis of the whole page (table, charts and the drawer) alone takes about 20 s on a busy
    // 2-core machine, where the click and the drawer take as long again.
    test.slow();
    await page.emulateMedia({ colorScheme });
    await page.goto('/tasks?status=Failed&reason=origin-timeout');
    await settledRowKeys(page);
    await page.locator('[data-task-id] a').first().click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expect(page.getByRole('dialog')).toContainText('检查事项');
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.length} × ${v.help}`)).toEqual([]);
  });
}
