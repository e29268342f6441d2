/**
 * The p90 time-to-finish rule end to end below the browser (docs/alerts.md, "Time to finish"): the
 * real emulator over HTTP on a data clock set to a fixed instant (so the seeded data is the same
 * whatever the time of day), the real sync stamping ends into a PGlite store, the alert monitor
 * beside it and a local JSON webhook. Ordinary tasks keep the rule quiet; a `slow` incident on the
 * domain fires it exactly once, and it resolves once after the incident's tasks have left the window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlClient } from '@/emulator/control-client';
import { type RunningEmulator, startEmulator } from '@/emulator/server';
import { openStore, type Store } from '../store/database';
import { AccountSync } from '../sync/account-sync';
import { readSyncSettings, type SyncSettings } from '../sync/settings';
import { readSyncState } from '../sync/sync-state';
import { readUpstreamFrom } from '../upstream/emulator-upstream.fixture';
import { resetUpstreamRuntime } from '../upstream/upstream-runtime';
import { AlertMonitor } from './alert-monitor';
import { type Receiver, startReceiver } from './receiver.fixture';
import { parseRulesFile } from './rules';
import { type AlertSettings, readAlertSettings } from './settings';

const ACCOUNT = 'default';
const MINUTE = 60_000;
const DOMAIN = 'img.shop-example.com';
/** A Tuesday, 11:00 in Beijing: the seeded data around it is the same on every run. */
const DATA_INSTANT = Date.parse('2026-11-24T03:00:00Z');
/** Above the domain's usual p90 (its tasks take up to about 10 minutes; the p90 is about 8). */
const THRESHOLD_SECONDS = 1_200;
const WINDOW_MINUTES = 60;

const FAST: SyncSettings = {
  ...readSyncSettings({}),
  backfillRate: 50,
  steadyRate: 50,
  headIntervalMs: 200,
  followIntervalMs: 200,
  followSlowIntervalMs: 200,
  followRate: 50,
  reconcileIntervalMs: 3_600_000,
  leaderRetryMs: 200,
};

let emulator: RunningEmulator;
let control: ReturnType<typeof controlClient>;
let frozenAt = DATA_INSTANT;
const now = () => frozenAt;
let store: Store;
let sync: AccountSync;
let monitor: AlertMonitor;
let webhook: Receiver;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** The store matches the emulator's (frozen) now, and the monitor has evaluated that twice since. */
async function caughtUp(): Promise<void> {
  await until('the store to match the upstream', async () => {
    const state = await readSyncState(store.db, ACCOUNT);
    return state?.backfillDone === true && state.syncedAt === Math.floor(frozenAt / 1000) * 1000;
  });
  const rounds = monitor.rounds;
  await until('two evaluation rounds', () => monitor.rounds >= rounds + 2);
}

/**
 * Minute by minute, as a sync following every few seconds sees ends: each end is stamped within a
 * minute of when the emulator made it, so ordinary tasks read as the few minutes they take.
 */
async function minutes(count: number, stopWhen: () => boolean = () => false): Promise<void> {
  for (let step = 0; step < count && !stopWhen(); step += 1) {
    await control.clock({ advanceMs: MINUTE });
    frozenAt += MINUTE;
    await caughtUp();
  }
}

const events = () => webhook.delivered.map((request) => request.body as Record<string, unknown>);
const count = (event: string) => events().filter((body) => body.event === event).length;

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    tasks: 1_500,
    seed: 91,
    rateLimits: 'off',
    now: () => DATA_INSTANT,
  });
  control = controlClient(emulator.url);
  await control.clock({ freeze: true });
  frozenAt = Date.parse((await control.clock()).now);
  await readUpstreamFrom(emulator.url);
  webhook = await startReceiver({ ok: true });
  const base = readAlertSettings({
    ALERT_WEBHOOK_URL: `${webhook.url}/hooks/slow`,
    NEXTAUTH_URL: 'https://cdn-monitor.example.test',
  });
  const rules = parseRulesFile(
    JSON.stringify([
      {
        name: 'shop-slow',
        kind: 'slow',
        domain: DOMAIN,
        thresholdSeconds: THRESHOLD_SECONDS,
        minTasks: 10,
        windowMinutes: WINDOW_MINUTES,
        ratio: 3,
        cooldownMinutes: 120,
      },
    ]),
    'slow-alert.json',
    ['webhook'],
  );
  const settings: AlertSettings = {
    ...base,
    rules,
    evaluateEveryMs: 100,
    delivery: { attempts: 2, firstRetryMs: 50, maxRetryMs: 100, timeoutMs: 5_000 },
  };
  store = await openStore({ databaseUrl: null, dataDir: 'memory://', historyDays: 30 });
  sync = new AccountSync(store, ACCOUNT, FAST, { now });
  monitor = new AlertMonitor(store, ACCOUNT, settings, { isLeader: () => sync.isLeader });
  sync.start();
  monitor.start();
}, 120_000);

afterAll(async () => {
  await monitor?.stop();
  await sync?.stop();
  await store?.close();
  await webhook?.close();
  await resetUpstreamRuntime();
  await emulator?.close();
});

describe('the p90 time-to-finish rule on a slow incident', () => {
  let slowStart = 0;
  let firedAt = 0;

  it('stays quiet while the domain finishes as usual', async () => {
    await caughtUp();
    // Twenty ordinary tasks on the domain (each done within about 3 min), watched for half a window.
    await control.startIncident({
      domain: DOMAIN,
      prefix: '/slow-it/usual/',
      reason: 'origin-5xx',
      tasks: 20,
      minutes: 10,
    });
    await minutes(WINDOW_MINUTES / 2);
    expect(events()).toEqual([]);
  }, 240_000);

  it('fires exactly once while the slowed tasks are in the window', async () => {
    slowStart = frozenAt;
    await control.startSlowdown({ domain: DOMAIN, factor: 20, minutes: 5 });
    await control.startIncident({
      domain: DOMAIN,
      prefix: '/slow-it/slow/',
      reason: 'origin-5xx',
      tasks: 30,
      minutes: 5,
    });
    await minutes(WINDOW_MINUTES, () => count('firing') > 0);
    expect(count('firing')).toBe(1);
    firedAt = frozenAt;
    // Still slow for a while: nothing more is sent.
    await minutes(3);
    expect(events().map((body) => body.event)).toEqual(['firing']);
    const firing = events()[0] ?? {};
    expect(firing).toMatchObject({
      rule: 'shop-slow',
      reason: 'slow',
      domain: DOMAIN,
      prefix: null,
      type: null,
    });
    expect(firing.count).toBeGreaterThanOrEqual(THRESHOLD_SECONDS);
    expect(Date.parse(String(firing.windowEnd))).toBeGreaterThan(slowStart);
    expect(new URL(String(firing.link)).pathname).toBe('/tasks');
  }, 240_000);

  it('resolves once after the slowed tasks have left the window for a whole window', async () => {
    // The slowed tasks were created in the incident's 5 minutes: gone from the window an hour on,
    // then below the threshold for a whole window.
    await minutes(3 * WINDOW_MINUTES, () => count('resolved') > 0);
    expect(count('resolved')).toBe(1);
    // Below the threshold for a whole window, which began after the firing at the earliest.
    expect(frozenAt - firedAt).toBeGreaterThanOrEqual(WINDOW_MINUTES * MINUTE);
    await minutes(2);
    expect(events().map((body) => body.event)).toEqual(['firing', 'resolved']);
    expect(events()[1]).toMatchObject({ event: 'resolved', rule: 'shop-slow', domain: DOMAIN });
  }, 300_000);
});
