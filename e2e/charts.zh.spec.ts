/**
 * The charts for a reader whose browser asks for Chinese: titles, legends and the screen-reader tables
 * in Chinese, counts and times formatted for zh-CN, the reason chart's labels inside its card, and
 * Chinese empty-chart texts.
 */
import { expect, test } from '@playwright/test';
import { freezeClock, unfreezeClock } from './emulator-control';
import { chartsReady, pinnedWindow } from './support/charts';
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

const zhCount = (value: number) => new Intl.NumberFormat('zh-CN').format(value);

test('titles, legends and screen-reader tables are Chinese, with counts formatted for zh-CN', async ({
  page,
}) => {
  const { from, to } = await pinnedWindow(72);
  const summary = (await (await page.request.get(`/api/tasks/summary?from=${from}&to=${to}`)).json()) as {
    byReason: Record<string, number>;
    timeline: Array<Record<string, number | string>>;
  };
  await page.goto(`/tasks?from=${from}&to=${to}&tz=utc`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await chartsReady(page);

  await expect(page.getByRole('figure', { name: /任务数随时间变化（按状态）/ })).toBeVisible();
  await expect(page.getByRole('figure', { name: /失败原因分布/ })).toBeVisible();
  await expect(page.getByRole('figure', { name: /进行中任务的进度/ })).toBeVisible();
  await expect(page.getByRole('region', { name: '图表' })).toBeVisible();

  // The legend names the statuses as the drawer and the table do.
  await expect(page.getByTestId('timeline-legend').locator('li')).toHaveText([
    '完成',
    '刷新中',
    '失败',
    '等待中',
    '超时',
    '已取消',
  ]);

  // The reason table: Chinese labels, and exactly the API's counts, formatted for zh-CN.
  const reasons = page.getByRole('table', { name: '各失败原因的任务数' });
  await expect(reasons.getByRole('rowheader')).toHaveText([
    '回源超时',
    '源站返回 5XX',
    '内部错误',
    '其他失败',
  ]);
  await expect(reasons.getByRole('cell')).toHaveText(
    ['origin-timeout', 'origin-5xx', 'internal-error', 'other'].map((reason) =>
      zhCount(summary.byReason[reason] ?? 0),
    ),
  );

  // The timeline's table: Chinese headers, zh-CN times in the chosen zone (UTC here), counts.
  const timeline = page.getByRole('table', { name: '各时间段的任务数' });
  await expect(timeline.getByRole('columnheader')).toHaveText([
    '开始时间',
    '完成',
    '刷新中',
    '失败',
    '等待中',
    '超时',
    '已取消',
  ]);
  const first = summary.timeline[0] as Record<string, number | string>;
  const firstRow = timeline.locator('tbody tr').first();
  const utc = new Date(String(first.start)).toISOString();
  const zhTime = `${utc.slice(0, 4)}/${utc.slice(5, 7)}/${utc.slice(8, 10)} ${utc.slice(11, 19)}`;
  await expect(firstRow.getByRole('cell')).toHaveText([
    zhTime,
    ...['Complete', 'Refreshing', 'Failed', 'Pending', 'Timeout', 'Canceled'].map((status) =>
      zhCount(Number(first[status])),
    ),
  ]);

  // The progress table: bins as percentages.
  const progress = page.getByRole('table', { name: '进行中任务的进度分布' });
  await expect(progress.getByRole('rowheader').first()).toHaveText('0–10%');

  // The reason chart's Chinese category labels sit wholly inside its drawing (an SVG clips what
  // overflows it, so a label wider than the axis would lose its first characters).
  const reasonChart = page.getByTestId('chart-reasons');
  const surface = await reasonChart.locator('svg.recharts-surface').boundingBox();
  const ticks = reasonChart.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value');
  await expect(ticks).toHaveText(['回源超时', '源站返回 5XX', '内部错误', '其他失败']);
  for (const tick of await ticks.all()) {
    const box = await tick.boundingBox();
    expect(box && surface && box.x >= surface.x && box.x + box.width <= surface.x + surface.width).toBe(true);
  }
});

test('empty charts say so in Chinese', async ({ page }) => {
  // A task id no task has: the view is empty whatever the data set holds.
  await page.goto('/tasks?task=1');
  await expect(page.getByTestId('chart-timeline')).toContainText('该时间范围内没有任务', { timeout: 30_000 });
  await expect(page.getByTestId('chart-reasons')).toContainText('没有失败的任务');
  await expect(page.getByTestId('chart-progress')).toContainText('没有进行中的任务');
  await expect(page.getByTestId('chart-timeline').locator('.recharts-surface')).toHaveCount(0);
});

test('on a phone the charts fold behind a Chinese button', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/tasks?from=now-6h');
  const toggle = page.getByTestId('charts-toggle');
  await expect(toggle).toContainText('图表', { timeout: 30_000 });
  await toggle.click();
  await chartsReady(page);
  await expect(page.getByTestId('chart-reasons')).toContainText('失败原因分布');
});
