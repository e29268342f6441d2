import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { controlClient } from '../emulator/control-client';
import { E2E_ALERT_SECRETS, E2E_PORT } from '../playwright.config';
import { emulatorUrl } from './emulator-control';
import { signInThroughPage } from './support/sign-in';
import { storeCaughtUp } from './support/store-sync';

/**
 * /alerts against the real server: an incident started through the emulator fires the default rule
 * (the e2e server posts to the emulator's alert sink), the page shows it with its group and a triage
 * link pinned to the spike's window; an operator can send a test message, a viewer sees no such
 * button and is refused by the route; no channel secret reaches a page or an answer.
 */
const control = controlClient(emulatorUrl);
const DOMAIN = 'downloads.example.io';
const PREFIX = '/e2e-alerts/spike/';
const secrets = Object.values(E2E_ALERT_SECRETS);

interface SinkBody {
  event?: string;
  domain?: string;
  prefix?: string | null;
  count?: number;
  link?: string;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await storeCaughtUp();
  await control.clearAlertsReceived();
  // No clock moves: later specs compare the store with the upstream at the dashboard's own now. 60
  // tasks arrive over 6 s, each failed 10 s after it was created, so the 20th fails within seconds.
  await control.startIncident({
    domain: DOMAIN,
    prefix: PREFIX,
    reason: 'origin-timeout',
    tasks: 60,
    minutes: 0.1,
    endWithinSeconds: 10,
  });
  await expect
    .poll(
      async () =>
        (await control.alertsReceived()).some(
          (entry) =>
            (entry.body as SinkBody).event === 'firing' && (entry.body as SinkBody).prefix === PREFIX,
        ),
      { timeout: 120_000, intervals: [1_000] },
    )
    .toBe(true);
});

test('an operator sees the firing alert with its group and triage link, and can send a test message', async ({
  page,
}) => {
  await page.goto('/tasks');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
  await expect(page).toHaveURL(/\/alerts$/);
  const firing = page
    .getByTestId('alerts-firing')
    .getByTestId('alert-item')
    .filter({ hasText: `${DOMAIN}${PREFIX}` });
  await expect(firing).toHaveCount(1);
  await expect(firing).toContainText('Firing');
  await expect(firing).toContainText('Origin Timeout');
  await expect(firing).toContainText(
    / on downloads\.example\.io\/e2e-alerts\/spike\/\d+ in the window that fired/,
  );
  // The default rule, named as configured and worded in full.
  await expect(page.locator('[aria-labelledby="alerts-rules"] li').first()).toHaveText(
    /^origin-timeout-spike: Origin Timeout on any domain, per domain or path prefix, at least \d+ in \d+ min and [\d.]+× the baseline; quiet for \d+ (min|hr) after firing; to JSON webhook, DingTalk\.$/,
  );
  const href = await firing.getByRole('link', { name: 'Open in triage' }).getAttribute('href');
  const link = new URL(href ?? '', `http://localhost:${E2E_PORT}`);
  expect(link.pathname).toBe('/triage');
  expect(link.searchParams.get('from')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  expect(link.searchParams.get('to')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  expect(link.searchParams.getAll('domain')).toEqual([DOMAIN]);
  expect(link.searchParams.get('q')).toBe(PREFIX);

  // The webhook got the contract's payload, with the same link on the public address.
  const received = (await control.alertsReceived()).find(
    (entry) => (entry.body as SinkBody).event === 'firing' && (entry.body as SinkBody).prefix === PREFIX,
  );
  const payload = (received?.body ?? {}) as SinkBody;
  expect(payload.domain).toBe(DOMAIN);
  expect(payload.count).toBeGreaterThanOrEqual(20);

  const channels = page.getByTestId('alerts-channels');
  await expect(channels).toContainText('127.0.0.1');
  const html = await page.content();
  for (const secret of secrets) expect(html).not.toContain(secret);

  const before = (await control.alertsReceived()).length;
  await channels.getByRole('button', { name: 'Send test to JSON webhook' }).click();
  await expect(channels.getByRole('status').first()).toHaveText('Test message delivered.');
  const after = await control.alertsReceived();
  expect(after).toHaveLength(before + 1);
  expect(((after.at(-1)?.body ?? {}) as SinkBody).event).toBe('test');

  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.length} × ${v.help}`)).toEqual([]);
});

test('the test route wants the dashboard as Origin and its CSRF token, and answers without secrets', async ({
  page,
}) => {
  await page.goto('/alerts');
  const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const own = { Origin: `http://localhost:${E2E_PORT}`, 'X-CSRF-Token': csrfToken };
  const crossSite = await page.request.post('/api/alerts/test', {
    data: { channel: 'webhook' },
    headers: { ...own, Origin: 'https://evil.example' },
  });
  expect(crossSite.status()).toBe(403);
  const noToken = await page.request.post('/api/alerts/test', {
    data: { channel: 'webhook' },
    headers: { Origin: own.Origin },
  });
  expect(noToken.status()).toBe(403);
  const unknown = await page.request.post('/api/alerts/test', {
    data: { channel: 'pager' },
    headers: own,
  });
  expect(unknown.status()).toBe(400);
  expect((await unknown.json()).error.fields).toHaveProperty('channel');
  const sent = await page.request.post('/api/alerts/test', {
    data: { channel: 'dingtalk' },
    headers: own,
  });
  expect(sent.status()).toBe(200);
  const text = await sent.text();
  for (const secret of secrets) expect(text).not.toContain(secret);
  // DingTalk's test message arrived signed.
  const signed = (await control.alertsReceived()).at(-1);
  expect(signed?.query.access_token).toBe(E2E_ALERT_SECRETS.dingToken);
  expect(signed?.query.sign).toBeTruthy();
});

test.describe('as a viewer', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('sees the alert but no test button, and the route refuses', async ({ page }) => {
    await page.goto('/alerts');
    await signInThroughPage(page, 'victor', 'victor-viewer-pw');
    await expect(page).toHaveURL(/\/alerts$/);
    await expect(
      page.getByTestId('alerts-firing').getByTestId('alert-item').filter({ hasText: PREFIX }),
    ).toHaveCount(1);
    await expect(page.getByRole('button', { name: /Send test/ })).toHaveCount(0);
    const refused = await page.request.post('/api/alerts/test', {
      data: { channel: 'webhook' },
      headers: { Origin: `http://localhost:${E2E_PORT}` },
    });
    expect(refused.status()).toBe(403);
  });
});
