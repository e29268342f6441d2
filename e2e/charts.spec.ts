import { expect, test } from '@playwright/test';
import { emulatorUrl, freezeClock, unfreezeClock } from './emulator-control';
import { allTasksViaSdk } from './sdk-reference';
import { chartsReady, pinnedWindow } from './support/charts';
import { storeCaughtUp } from './support/store-sync';

test.beforeAll(async () => {
  await freezeClock();
  await storeCaughtUp();
});
test.afterAll(async () => {
  await unfreezeClock();
});

test('the summary counts match the emulator data read through the official SDK', async ({ request }) => {
  const { from, to } = await pinnedWindow(12);
  const response = await request.get(`/api/tasks/summary?from=${from}&to=${to}&status=Failed`);
  expect(response.status()).toBe(200);
  const summary = (await response.json()) as {
    total: number;
    partial: boolean;
    byReason: Record<string, number>;
    byType: Record<string, number>;
  };
  expect(summary.partial).toBe(false);

  const reference = (
    await Promise.all(
      ['file', 'directory', 'regex', 'preload', 'block', 'unblock'].map((objectType) =>
        allTasksViaSdk({ objectType, status: 'Failed', startTime: from, endTime: to }),
      ),
    )
  ).flat();
  expect(summary.total).toBe(reference.length);
  const timeouts = reference.filter(
    (task) => task.description.replace(/\s/g, '').toLowerCase() === 'origintimeout',
  );
  expect(summary.byReason['origin-timeout'] ?? 0).toBe(timeouts.length);
  expect(summary.byType.file ?? 0).toBe(reference.filter((task) => task.objectType === 'file').length);

  const list = (await (await request.get(`/api/tasks?from=${from}&to=${to}&status=Failed`)).json()) as {
    total: number;
  };
  expect(list.total).toBe(reference.length);
});

test('the charts have text alternatives and a click writes the URL keys', async ({ page }) => {
  await page.goto('/tasks?from=now-6h');
  await chartsReady(page);
  await expect(page.getByRole('figure', { name: /Tasks over time, by status/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Failures by reason' })).toBeAttached();

  await page.getByTestId('chart-reasons').locator('.recharts-bar-rectangle').first().click();
  await expect(page).toHaveURL(/[?&]reason=origin-timeout/);
  await page.goBack();
  await expect(page).not.toHaveURL(/reason=/);
});

test('dragging across the timeline zooms the time range, and Back undoes it', async ({ page }) => {
  await page.goto('/tasks?from=now-6h');
  await chartsReady(page);
  const plot = page.getByTestId('chart-timeline').locator('.recharts-cartesian-grid');
  const box = await plot.boundingBox();
  if (!box) throw new Error('no plot area');
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 8 });
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}T.*&to=\d{4}-/);
  await page.goBack();
  await expect(page).toHaveURL(/from=now-6h/);
});

test('the triage view names the seeded Origin Timeout cluster first', async ({ page }) => {
  const health = (await (await fetch(`${emulatorUrl}/__emulator/health`)).json()) as {
    incident: { domain: string; prefix: string };
  };
  await page.goto('/triage?from=now-24h');
  const domains = page.getByTestId('triage-domains').locator('[data-group]');
  await expect(domains.first()).toHaveAttribute('data-group', health.incident.domain, { timeout: 30_000 });
  const prefixes = page.getByTestId('triage-prefixes').locator('[data-group]');
  await expect(prefixes.first()).toHaveAttribute(
    'data-group',
    `${health.incident.domain}${health.incident.prefix}`,
  );
  await expect(page.getByRole('region', { name: 'Likely causes' })).toContainText('firewall');

  await domains.first().getByRole('link').click();
  await expect(page).toHaveURL(/\/tasks\?.*reason=origin-timeout/);
  await expect(page).toHaveURL(new RegExp(`domain=${health.incident.domain.replace(/\./g, '\\.')}`));
});

test('a page of several statuses of one domain equals the emulator data merged by hand from the official SDK', async ({
  request,
}) => {
  const { from, to } = await pinnedWindow(24);
  const domain = 'img.shop-example.com';
  const page = 2;
  const response = await request.get(
    `/api/tasks?from=${from}&to=${to}&status=Failed&status=Complete&domain=${domain}&page=${page}&size=20`,
  );
  expect(response.status()).toBe(200);
  const body = (await response.json()) as {
    total: number;
    partial: boolean;
    tasks: Array<{ taskId: string; objectPath: string }>;
  };
  expect(body.partial).toBe(false);

  const streams = await Promise.all(
    ['file', 'directory', 'regex', 'preload', 'block', 'unblock'].flatMap((objectType) =>
      ['Failed', 'Complete'].map((status) =>
        allTasksViaSdk({ objectType, status, domainName: domain, startTime: from, endTime: to }),
      ),
    ),
  );
  const reference = streams.flat();
  expect(body.total).toBe(reference.length);
  const keys = new Set(reference.map((task) => `${task.taskId} ${task.objectPath}`));
  expect(body.tasks.length).toBe(Math.min(20, Math.max(0, reference.length - 20)));
  for (const task of body.tasks) expect(keys.has(`${task.taskId} ${task.objectPath}`)).toBe(true);
});
