/**
 * /alerts for one account shows that account's alerts and the rules evaluated on it: a rule limited
 * to other accounts (ALERTS_FILE `accounts`) never appears, nor does another account's alert.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/database';
import { fireAlert } from './alert-store';
import { alertsView } from './alerts-view';
import { type AlertRule, defaultRule } from './rules';
import type { AlertSettings } from './settings';

const prodOnly: AlertRule = {
  ...defaultRule(['webhook']),
  name: 'prod-downloads',
  domain: 'downloads.prod-secret.example',
  accounts: ['prod'],
};
const both: AlertRule = { ...prodOnly, name: 'shared-5xx', domain: null, accounts: ['prod', 'staging'] };
const SETTINGS: AlertSettings = {
  channels: [],
  rules: [defaultRule(['webhook']), prodOnly, both],
  baseUrl: 'https://dash.example.test',
  language: 'en',
  evaluateEveryMs: 30_000,
  delivery: { attempts: 1, firstRetryMs: 1, maxRetryMs: 1, timeoutMs: 1 },
};

describe('alertsView', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ databaseUrl: null, dataDir: 'memory://', historyDays: 30 });
    const group = {
      key: 'downloads.prod-secret.example',
      domain: 'downloads.prod-secret.example',
      prefix: null,
      count: 30,
      baseline: 1,
    };
    await fireAlert(store.db, 'prod', prodOnly, group, Date.parse('2026-11-29T08:10:00Z'));
  }, 60_000);
  afterAll(async () => {
    await store.close();
  });

  it("shows only the rules evaluated on the account shown, and only that account's alerts", async () => {
    const staging = await alertsView(store, 'staging', SETTINGS);
    expect(staging.rules.map((rule) => rule.name)).toEqual(['origin-timeout-spike', 'shared-5xx']);
    expect(JSON.stringify(staging)).not.toContain('prod-secret');
    expect(staging.alerts).toEqual([]);

    const prod = await alertsView(store, 'prod', SETTINGS);
    expect(prod.rules.map((rule) => rule.name)).toEqual([
      'origin-timeout-spike',
      'prod-downloads',
      'shared-5xx',
    ]);
    expect(prod.alerts.map((alert) => alert.domain)).toEqual(['downloads.prod-secret.example']);
  });
});
