/**
 * Triage, the resubmit dialog and /alerts for a reader whose browser asks for Chinese: labels in
 * Chinese, the upstream's own text (domains, paths) exactly as it came, counts formatted for zh-CN,
 * and no serious accessibility violation in light or dark.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { controlClient } from '../emulator/control-client';
import type { ResubmitPreview } from '../lib/resubmit-types';
import type { TriageReport } from '../lib/triage-types';
import { emulatorUrl } from './emulator-control';
import { storeCaughtUp } from './support/store-sync';

// The reader's browser asks for Chinese (Accept-Language: zh-CN).
test.use({ locale: 'zh-CN' });
const emulator = controlClient(emulatorUrl);
const zhCount = (value: number) => new Intl.NumberFormat('zh-CN').format(value);

test.beforeAll(async () => {
  await storeCaughtUp();
});
test.afterAll(async () => {
  const quota = await emulator.quota();
  await emulator.setQuota({ UrlRemain: quota.UrlQuota, PreloadRemain: quota.PreloadQuota });
});

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.length} × ${v.help}`);
}

test('triage groups are in Chinese, with the upstream’s domains and paths as they came', async ({ page }) => {
  const report = (await (await page.request.get('/api/triage?from=now-3d')).json()) as TriageReport;
  expect(report.byDomain.length).toBeGreaterThan(0);
  await page.goto('/triage?from=now-3d');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page).toHaveTitle(/回源超时故障排查/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('回源超时故障排查');
  await expect(page.getByTestId('triage-summary')).toHaveText(
    `该时间范围内共 ${zhCount(report.total)} 个任务，其中 ${zhCount(report.originTimeouts)} 个回源超时失败。`,
  );

  const domains = page.getByTestId('triage-domains');
  await expect(domains.getByRole('heading')).toHaveText('按域名');
  await expect(domains.getByRole('columnheader')).toHaveText([
    '位置',
    '超时数',
    '占该域名比例',
    '首次出现',
    '最近出现',
    '趋势',
    '重新提交',
  ]);
  // Each group's link is the upstream's domain, untouched; its sparkline is named in Chinese.
  await expect(domains.locator('tbody tr a')).toHaveText(report.byDomain.map((group) => group.key));
  const top = report.byDomain[0] as TriageReport['byDomain'][number];
  const row = domains.locator(`[data-group="${top.key}"]`);
  await expect(row.getByRole('img')).toHaveAttribute('aria-label', `${top.key} 的回源超时趋势`);
  await expect(row.getByRole('cell').nth(1)).toHaveText(zhCount(top.count));
  await expect(row.getByRole('cell').nth(2)).toContainText(`共 ${zhCount(top.domainTotal)} 个`);
  await expect(row.getByTestId('resubmit-group')).toHaveText(`重新提交 ${zhCount(top.count)} 个`);
  await expect(page.getByTestId('triage-prefixes').getByRole('heading')).toHaveText('按路径前缀');
  await expect(page.getByRole('region', { name: '可能的原因' })).toContainText('源站此刻能否从公网访问');
  await expect(page.getByRole('region', { name: '突增' })).toBeVisible();
  await expect(page.getByTestId('quota-summary')).toContainText('今日剩余配额：');
  await expect(page.getByTestId('quota-summary')).toContainText('URL 刷新');
});

test('empty triage groups say so in Chinese and offer the next step', async ({ page }) => {
  // A task id no task has: the view is empty whatever the data set holds.
  await page.goto('/triage?task=1');
  for (const group of ['triage-domains', 'triage-prefixes']) {
    const section = page.getByTestId(group);
    await expect(section).toContainText('该时间范围内没有回源超时失败', { timeout: 30_000 });
    await expect(section.getByRole('button').first()).toBeVisible();
  }
  await expect(page.getByTestId('triage-domains').locator('table')).toHaveCount(0);
});

test('the resubmit dialog words its counts and quota in Chinese, and reports the outcome', async ({
  page,
}) => {
  await page.goto('/triage?from=now-3d');
  const domains = page.getByTestId('triage-domains');
  const button = domains.getByTestId('resubmit-group').first();
  const key = (await domains.locator('tbody tr').first().getAttribute('data-group')) ?? '';
  const previewAnswer = page.waitForResponse(
    (response) => response.url().includes('/api/resubmit') && response.request().method() === 'POST',
  );
  await button.click();
  const dialog = page.getByRole('dialog', {
    name: new RegExp(`^重新提交 ${key.replace(/\./g, '\\.')} 的全部 `),
  });
  await expect(dialog).toBeVisible();
  const plan = (await (await previewAnswer).json()) as ResubmitPreview;

  const wording = {
    url: (n: number) => `刷新 ${zhCount(n)} 个 URL`,
    directory: (n: number) => `刷新 ${zhCount(n)} 个目录`,
    regex: (n: number) => `刷新 ${zhCount(n)} 条正则`,
    prefetch: (n: number) => `预热 ${zhCount(n)} 个 URL`,
  } as const;
  const parts = (['url', 'directory', 'regex', 'prefetch'] as const)
    .filter((kind) => plan.counts[kind] > 0)
    .map((kind) => wording[kind](plan.counts[kind]));
  expect(parts.length).toBeGreaterThan(0);
  await expect(dialog.getByTestId('resubmit-counts')).toHaveText(
    `${parts.join('，')}，共 ${zhCount(plan.calls)} 次调用。`,
  );
  await expect(dialog.getByTestId('resubmit-domains')).toHaveText(plan.domains.join(''));
  const quota = dialog.getByTestId('resubmit-quota');
  await expect(quota.locator('caption')).toHaveText('今日配额');
  await expect(quota.getByRole('columnheader')).toHaveText(['类型', '当前剩余', '提交后剩余']);
  if (plan.counts.url > 0)
    await expect(quota.locator('[data-kind="url"] td')).toHaveText([
      'URL 刷新',
      zhCount(plan.quotaBefore.url),
      zhCount(plan.quotaAfter.url),
    ]);

  const total = plan.counts.url + plan.counts.directory + plan.counts.regex + plan.counts.prefetch;
  await dialog.getByRole('button', { name: `提交 ${zhCount(total)} 个` }).click();
  await expect(dialog.getByTestId('resubmit-outcome')).toHaveText(
    /^已提交 [\d,]+ 个对象，生成 [\d,]+ 个任务。(另有 [\d,]+ 个未提交。)?$/,
    { timeout: 30_000 },
  );
  await expect(dialog.getByRole('heading', { name: '任务 ID' })).toBeVisible();
  await expect(dialog.getByTestId('resubmit-view-link')).toHaveText('查看这些任务的运行情况');
  await dialog.getByRole('button', { name: '关闭' }).last().click();
  await expect(dialog).toBeHidden();
});

test('the alerts page is in Chinese; a test message is confirmed in Chinese', async ({ page }) => {
  await page.goto('/alerts');
  await expect(page).toHaveTitle(/告警/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('告警');
  await expect(page.getByRole('heading', { name: /^正在告警（\d+）$/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^历史告警（\d+）$/ })).toBeVisible();
  const channels = page.getByTestId('alerts-channels');
  await expect(channels.getByRole('heading')).toHaveText('通知渠道');
  await expect(channels).toContainText('JSON Webhook');
  await expect(channels).toContainText('钉钉');
  await expect(channels).toContainText('已签名');
  // The default rule: its name as configured, then its Chinese wording with the reason's label.
  await expect(page.getByRole('heading', { name: '告警规则' })).toBeVisible();
  await expect(page.locator('[aria-labelledby="alerts-rules"] li').first()).toHaveText(
    /^origin-timeout-spike：任意域名的回源超时，按域名或路径前缀统计，\d+分钟内至少 \d+ 次且达到基线的 [\d.]+ 倍时触发；触发后 \d+(分钟|小时)内不再告警；发送至 JSON Webhook、钉钉。$/,
  );
  const dingtalk = channels.getByRole('listitem').filter({ hasText: '钉钉' });
  await dingtalk.getByRole('button', { name: '向 钉钉 发送测试消息' }).click();
  await expect(dingtalk.getByRole('status')).toHaveText('测试消息已送达。');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`/triage and /alerts have no serious accessibility violation in Chinese (${colorScheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto('/triage?from=now-3d');
    await expect(page.getByTestId('triage-summary')).toBeVisible({ timeout: 30_000 });
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto('/alerts');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('告警');
    expect(await seriousViolations(page)).toEqual([]);
  });
}
