/**
 * Alerts end to end below the browser: the real emulator over HTTP, the real sync filling a PGlite
 * store on disk, the alert monitor beside it, and four local receivers standing in for a JSON
 * webhook, Slack, DingTalk and Feishu. An incident started through the emulator's control endpoint
 * fires exactly one message per channel, with the contract's payload and valid signatures; a
 * receiver that fails is retried; a restart while the alert is open sends nothing twice; once the
 * failures stay below the threshold for a whole window, exactly one "resolved" follows. No URL path,
 * token or secret appears in the logs or in what the /alerts page is given.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlClient } from '@/emulator/control-client';
import { type RunningEmulator, startEmulator } from '@/emulator/server';
import { metrics } from '../metrics';
import { openStore, type Store } from '../store/database';
import { AccountSync } from '../sync/account-sync';
import { readSyncSettings, type SyncSettings } from '../sync/settings';
import { readSyncState } from '../sync/sync-state';
import { readUpstreamFrom } from '../upstream/emulator-upstream.fixture';
import { resetUpstreamRuntime } from '../upstream/upstream-runtime';
import { AlertMonitor } from './alert-monitor';
import { alertsView } from './alerts-view';
import { type Receiver, startReceiver } from './receiver.fixture';
import { type AlertSettings, readAlertSettings } from './settings';

const ACCOUNT = 'default';
const MINUTE = 60_000;
const DOMAIN = 'www.example.com';
const PREFIX = '/alerts-it/spike/';
const SECRETS = {
  webhookPath: 'webhook-path-token-7Qx2',
  slackPath: 'slack-path-token-Hk93',
  dingToken: 'ding-access-token-Zm41',
  dingSecret: 'SECding-signing-secret-Pq88',
  feishuPath: 'feishu-hook-uuid-Lw05',
  feishuSecret: 'feishu-signing-secret-Vb17',
};

const logLines: string[] = [];
let emulator: RunningEmulator;
let control: ReturnType<typeof controlClient>;
let frozenAt = 0;
const now = () => frozenAt;
let dataDir: string;
const receivers: Record<'webhook' | 'slack' | 'dingtalk' | 'feishu', Receiver> = {} as never;
let settings: AlertSettings;

const FAST: SyncSettings = {
  ...readSyncSettings({}),
  backfillRate: 50,
  steadyRate: 50,
  headIntervalMs: 200,
  followIntervalMs: 200,
  followRate: 50,
  reconcileIntervalMs: 3_600_000,
  leaderRetryMs: 200,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function advance(ms: number): Promise<void> {
  await control.clock({ advanceMs: ms });
  frozenAt += ms;
}

/** The sync and the monitor as the server runs them, on the store. */
class Instance {
  readonly sync: AccountSync;
  readonly monitor: AlertMonitor;
  constructor(readonly store: Store) {
    this.sync = new AccountSync(store, ACCOUNT, FAST, { now });
    this.monitor = new AlertMonitor(store, ACCOUNT, settings, { isLeader: () => this.sync.isLeader });
    this.sync.start();
    this.monitor.start();
  }
  /** The store matches the emulator's (frozen) now, and the monitor has evaluated that twice since. */
  async caughtUp(): Promise<void> {
    await until('the store to match the upstream', async () => {
      const state = await readSyncState(this.store.db, ACCOUNT);
      return state?.backfillDone === true && state.syncedAt === Math.floor(frozenAt / 1000) * 1000;
    });
    const rounds = this.monitor.rounds;
    await until('two evaluation rounds', () => this.monitor.rounds >= rounds + 2);
  }
  async stop(): Promise<void> {
    await this.monitor.stop();
    await this.sync.stop();
    await this.store.close();
  }
}

let instance: Instance;

beforeAll(async () => {
  // The code under test logs through the process's logger: collect its lines.
  (globalThis as Record<symbol, unknown>)[Symbol.for('cdn-refresh-monitor.logger')] = pino(
    { level: 'debug' },
    { write: (line: string) => void logLines.push(line) },
  );
  emulator = await startEmulator({ port: 0, tasks: 1_500, seed: 77, rateLimits: 'off' });
  control = controlClient(emulator.url);
  await control.clock({ freeze: true });
  frozenAt = Date.parse((await control.clock()).now);
  await readUpstreamFrom(emulator.url);
  receivers.webhook = await startReceiver({ ok: true });
  receivers.slack = await startReceiver('ok');
  receivers.dingtalk = await startReceiver({ errcode: 0, errmsg: 'ok' });
  receivers.feishu = await startReceiver({ code: 0, msg: 'success', data: {} });
  settings = readAlertSettings({
    ALERT_WEBHOOK_URL: `${receivers.webhook.url}/hooks/${SECRETS.webhookPath}`,
    ALERT_SLACK_WEBHOOK_URL: `${receivers.slack.url}/services/T0/B0/${SECRETS.slackPath}`,
    ALERT_DINGTALK_WEBHOOK_URL: `${receivers.dingtalk.url}/robot/send?access_token=${SECRETS.dingToken}`,
    ALERT_DINGTALK_SECRET: SECRETS.dingSecret,
    ALERT_FEISHU_WEBHOOK_URL: `${receivers.feishu.url}/open-apis/bot/v2/hook/${SECRETS.feishuPath}`,
    ALERT_FEISHU_SECRET: SECRETS.feishuSecret,
    NEXTAUTH_URL: 'https://cdn-monitor.example.test',
  });
  settings = {
    ...settings,
    evaluateEveryMs: 100,
    delivery: { attempts: 4, firstRetryMs: 50, maxRetryMs: 200, timeoutMs: 5_000 },
  };
  dataDir = mkdtempSync(join(tmpdir(), 'alerts-it-'));
  instance = new Instance(await openStore({ databaseUrl: null, dataDir, historyDays: 30 }));
}, 120_000);

afterAll(async () => {
  await instance?.stop().catch(() => undefined);
  for (const receiver of Object.values(receivers)) await receiver?.close();
  await resetUpstreamRuntime();
  await emulator?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('cdn-refresh-monitor.logger')];
});

const delivered = () => Object.values(receivers).map((receiver) => receiver.delivered.length);

function validDingTalk(request: { query: URLSearchParams }): boolean {
  const timestamp = request.query.get('timestamp') ?? '';
  const expected = createHmac('sha256', SECRETS.dingSecret)
    .update(`${timestamp}\n${SECRETS.dingSecret}`)
    .digest('base64');
  return (
    request.query.get('access_token') === SECRETS.dingToken &&
    Math.abs(Date.now() - Number(timestamp)) < 3_600_000 &&
    request.query.get('sign') === expected
  );
}

function validFeishu(body: { timestamp?: string; sign?: string }): boolean {
  const timestamp = body.timestamp ?? '';
  const expected = createHmac('sha256', `${timestamp}\n${SECRETS.feishuSecret}`).update('').digest('base64');
  return Math.abs(Date.now() / 1000 - Number(timestamp)) < 3_600 && body.sign === expected;
}

describe('alerts from an emulator incident', () => {
  let incidentStart = 0;
  let firedAt = 0;

  it('stays quiet on the ordinary data', async () => {
    await instance.caughtUp();
    expect(delivered()).toEqual([0, 0, 0, 0]);
  }, 180_000);

  it('fires exactly one message per channel, with the contract payload and valid signatures, retrying a failing receiver', async () => {
    receivers.webhook.failNext(2, 503);
    const retriesBefore =
      (await metrics().alertDeliveryRetries.get()).values.find((value) => value.labels.channel === 'webhook')
        ?.value ?? 0;
    incidentStart = frozenAt;
    await control.startIncident({
      domain: DOMAIN,
      prefix: PREFIX,
      reason: 'origin-timeout',
      tasks: 30,
      minutes: 4,
    });
    // Every incident task is created and has failed 8 minutes on (at most 20 s + 3 min each).
    await advance(8 * MINUTE);
    firedAt = Math.floor(frozenAt / 1000) * 1000;
    await until('a message on every channel', () => delivered().every((n) => n >= 1));
    await instance.caughtUp();
    expect(delivered()).toEqual([1, 1, 1, 1]);

    // The webhook failed twice and was tried again with backoff.
    expect(receivers.webhook.requests).toHaveLength(3);
    const retriesAfter = (await metrics().alertDeliveryRetries.get()).values.find(
      (value) => value.labels.channel === 'webhook',
    )?.value;
    expect(retriesAfter).toBe(retriesBefore + 2);

    const webhook = receivers.webhook.delivered[0];
    expect(webhook?.path).toBe(`/hooks/${SECRETS.webhookPath}`);
    const payload = webhook?.body as Record<string, unknown>;
    expect(Object.keys(payload).sort()).toEqual(
      [
        'baseline',
        'count',
        'domain',
        'event',
        'link',
        'prefix',
        'reason',
        'rule',
        'windowEnd',
        'windowStart',
      ].sort(),
    );
    const windowEnd = new Date(firedAt).toISOString().replace('.000Z', 'Z');
    const windowStart = new Date(firedAt - 10 * MINUTE).toISOString().replace('.000Z', 'Z');
    expect(payload).toMatchObject({
      event: 'firing',
      rule: 'origin-timeout-spike',
      reason: 'origin-timeout',
      domain: DOMAIN,
      prefix: PREFIX,
      count: 30,
      windowStart,
      windowEnd,
    });
    expect(payload.baseline).toBe(0);
    const link = new URL(String(payload.link));
    expect(`${link.origin}${link.pathname}`).toBe('https://cdn-monitor.example.test/triage');
    expect(link.searchParams.get('from')).toBe(windowStart);
    expect(link.searchParams.get('to')).toBe(windowEnd);
    expect(link.searchParams.getAll('domain')).toEqual([DOMAIN]);
    expect(link.searchParams.get('q')).toBe(PREFIX);
    expect(incidentStart).toBeGreaterThan(firedAt - 10 * MINUTE);

    const slack = receivers.slack.delivered[0]?.body as { text: string };
    expect(slack.text).toContain(`Origin Timeout spike on ${DOMAIN}${PREFIX}`);
    expect(slack.text).toContain('30 Origin Timeout failures in 10 min');
    expect(slack.text).toContain('baseline 0 per 10 min');
    // Escaped for mrkdwn (chat-escape.ts): Slack shows `&amp;` as `&`.
    expect(slack.text).toContain(String(payload.link).replace(/&/g, '&amp;'));

    const ding = receivers.dingtalk.delivered[0];
    expect(ding && validDingTalk(ding)).toBe(true);
    // The robots' texts have no entities: the same words as Slack shows.
    const shown = slack.text.replace(/&amp;/g, '&');
    expect(ding?.body).toMatchObject({ msgtype: 'text', text: { content: shown } });

    const feishu = receivers.feishu.delivered[0]?.body as {
      timestamp: string;
      sign: string;
      msg_type: string;
      content: { text: string };
    };
    expect(validFeishu(feishu)).toBe(true);
    expect(feishu).toMatchObject({ msg_type: 'text', content: { text: shown } });
  }, 180_000);

  it('sends nothing twice after a restart while the alert is open', async () => {
    await instance.stop();
    instance = new Instance(await openStore({ databaseUrl: null, dataDir, historyDays: 30 }));
    await instance.caughtUp();
    await advance(MINUTE);
    await instance.caughtUp();
    expect(delivered()).toEqual([1, 1, 1, 1]);
    const view = await alertsView(instance.store, ACCOUNT, settings);
    expect(view.alerts.map((alert) => [alert.state, alert.domain, alert.prefix])).toEqual([
      ['firing', DOMAIN, PREFIX],
    ]);
  }, 180_000);

  it('resolves once, after a whole window below the threshold', async () => {
    // The window no longer holds the incident: below the threshold from here…
    await advance(10 * MINUTE);
    await instance.caughtUp();
    expect(delivered()).toEqual([1, 1, 1, 1]);
    // …for a whole window.
    await advance(10 * MINUTE);
    await until('a "resolved" message on every channel', () => delivered().every((n) => n >= 2));
    await instance.caughtUp();
    await advance(MINUTE);
    await instance.caughtUp();
    expect(delivered()).toEqual([2, 2, 2, 2]);
    const resolved = receivers.webhook.delivered[1]?.body as Record<string, unknown>;
    expect(resolved).toMatchObject({ event: 'resolved', domain: DOMAIN, prefix: PREFIX, count: 0 });
    expect(Date.parse(String(resolved.windowEnd))).toBeGreaterThan(firedAt + 19 * MINUTE);
    expect(receivers.slack.delivered[1]?.body).toMatchObject({ text: expect.stringContaining('[RESOLVED]') });
    expect(validDingTalk(receivers.dingtalk.delivered[1] as never)).toBe(true);
    expect(validFeishu(receivers.feishu.delivered[1]?.body as never)).toBe(true);
  }, 180_000);

  it('never puts a URL path, token or secret in the logs or in what the page is given', async () => {
    const view = JSON.stringify(await alertsView(instance.store, ACCOUNT, settings));
    expect(view).toContain('127.0.0.1');
    expect(logLines.some((line) => line.includes('alert firing'))).toBe(true);
    expect(
      logLines.some((line) => line.includes('alert delivery failed') || line.includes('alert resolved')),
    ).toBe(true);
    for (const secret of Object.values(SECRETS)) {
      expect(view).not.toContain(secret);
      expect(logLines.join('\n')).not.toContain(secret);
    }
  });
});
