/**
 * Rule evaluation on a real store (PGlite in memory): the threshold, the ratio to the group's
 * baseline over the previous 24 hours, folding a domain into its breaching prefix, resolving after a
 * whole window below the threshold, the cooldown, and that evaluating again (as after a restart)
 * owes no second message.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Task } from '@/lib/task';
import { openStore, type Store } from '../store/database';
import { upsertTasks } from '../store/task-rows';
import { recentAlerts } from './alert-store';
import { evaluateRule } from './evaluate-rule';
import { type AlertRule, defaultRule } from './rules';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ACCOUNT = 'default';
const T0 = Date.parse('2026-11-20T12:00:00Z');
let store: Store;
let serial = 0;

const rule: AlertRule = defaultRule(['webhook', 'slack']);

function failures(count: number, from: number, spanMs: number, domain: string, dir: string): Task[] {
  return Array.from({ length: count }, (_, i) => {
    serial += 1;
    return {
      taskId: String(100_000 + serial),
      objectPath: `https://${domain}${dir}file-${serial}.jpg`,
      objectType: 'file',
      status: 'Failed',
      progress: 40,
      createdAt: new Date(from + Math.floor((i * spanMs) / count)).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      domain,
      description: 'Origin Timeout',
      reason: 'origin-timeout',
    };
  });
}

async function add(tasks: Task[]): Promise<void> {
  await upsertTasks(store.db, ACCOUNT, tasks);
}

beforeAll(async () => {
  store = await openStore({ databaseUrl: null, dataDir: 'memory://', historyDays: 30 });
}, 60_000);

afterAll(async () => {
  await store?.close();
});

beforeEach(async () => {
  await store.db.deleteFrom('alert_deliveries').execute();
  await store.db.deleteFrom('alerts').execute();
  await store.db.deleteFrom('tasks').execute();
});

describe('evaluateRule', () => {
  it('fires once, as the prefix, at 20 failures in 10 minutes with no baseline; 19 do not fire', async () => {
    await add(failures(19, T0 - 9 * MINUTE, 8 * MINUTE, 'img.example.com', '/products/2026/'));
    expect((await evaluateRule(store.db, ACCOUNT, rule, T0)).fired).toEqual([]);

    await add(failures(1, T0 - 30_000, 1_000, 'img.example.com', '/products/2026/'));
    const result = await evaluateRule(store.db, ACCOUNT, rule, T0);
    expect(result.fired.map((group) => group.key)).toEqual(['prefix:img.example.com/products/2026/']);
    const [alert, ...others] = await recentAlerts(store.db, ACCOUNT);
    expect(others).toEqual([]);
    expect(alert).toMatchObject({
      state: 'firing',
      domain: 'img.example.com',
      prefix: '/products/2026/',
      count: 20,
    });
    expect(alert?.baseline).toBe(0);
    expect(alert?.deliveries.map((d) => `${d.event}:${d.channel}:${d.status}`).sort()).toEqual([
      'firing:slack:pending',
      'firing:webhook:pending',
    ]);

    // Evaluated again at the same moment (a second round, a restart): nothing more is owed.
    await evaluateRule(store.db, ACCOUNT, rule, T0);
    const again = await recentAlerts(store.db, ACCOUNT);
    expect(again).toHaveLength(1);
    expect(again[0]?.deliveries).toHaveLength(2);
  });

  it('needs the count to reach 3× the baseline: 20 against a baseline of 7 per window do not fire, 21 do', async () => {
    // 7 per 10 minutes over the previous 24 h: 1,008 failures.
    await add(
      failures(
        1_008,
        T0 - 10 * MINUTE - 24 * HOUR + 1_000,
        24 * HOUR - 1_000,
        'cdn.example.com',
        '/live/ch1/',
      ),
    );
    await add(failures(20, T0 - 9 * MINUTE, 8 * MINUTE, 'cdn.example.com', '/live/ch1/'));
    let result = await evaluateRule(store.db, ACCOUNT, rule, T0);
    expect(result.fired).toEqual([]);

    await add(failures(1, T0 - 20_000, 1_000, 'cdn.example.com', '/live/ch1/'));
    result = await evaluateRule(store.db, ACCOUNT, rule, T0);
    expect(result.fired).toHaveLength(1);
    expect(result.fired[0]?.count).toBe(21);
    expect(result.fired[0]?.baseline).toBeCloseTo(7, 5);
  });

  it('fires for the whole domain when no single prefix breaches', async () => {
    await add(failures(12, T0 - 9 * MINUTE, 8 * MINUTE, 'dl.example.com', '/a/'));
    await add(failures(12, T0 - 9 * MINUTE, 8 * MINUTE, 'dl.example.com', '/b/'));
    const result = await evaluateRule(store.db, ACCOUNT, rule, T0);
    expect(result.fired.map((group) => group.key)).toEqual(['domain:dl.example.com']);
    expect(result.fired[0]?.prefix).toBeNull();
  });

  it('resolves once the group stays below the threshold for a whole window, owing one "resolved" message', async () => {
    await add(failures(25, T0 - 4 * MINUTE, 4 * MINUTE, 'img.example.com', '/spike/one/'));
    expect((await evaluateRule(store.db, ACCOUNT, rule, T0)).fired).toHaveLength(1);

    // Still within the spike's window: open.
    expect((await evaluateRule(store.db, ACCOUNT, rule, T0 + 5 * MINUTE)).resolved).toEqual([]);
    // Below from T0 + 10 min on (the window no longer holds the spike)…
    expect((await evaluateRule(store.db, ACCOUNT, rule, T0 + 10 * MINUTE)).resolved).toEqual([]);
    // …but not yet for a whole window.
    expect((await evaluateRule(store.db, ACCOUNT, rule, T0 + 19 * MINUTE)).resolved).toEqual([]);
    const resolved = await evaluateRule(store.db, ACCOUNT, rule, T0 + 20 * MINUTE);
    expect(resolved.resolved).toEqual(['prefix:img.example.com/spike/one/']);

    const [alert] = await recentAlerts(store.db, ACCOUNT);
    expect(alert?.state).toBe('resolved');
    expect(alert?.peak_count).toBe(25);
    expect(alert?.deliveries.map((d) => `${d.event}:${d.channel}`).sort()).toEqual([
      'firing:slack',
      'firing:webhook',
      'resolved:slack',
      'resolved:webhook',
    ]);
    // Resolved once only.
    expect((await evaluateRule(store.db, ACCOUNT, rule, T0 + 25 * MINUTE)).resolved).toEqual([]);
  });

  it('a group that climbs back above the threshold stays open and restarts its "below" clock', async () => {
    await add(failures(25, T0 - 9 * MINUTE, 8 * MINUTE, 'img.example.com', '/wobble/x/'));
    await evaluateRule(store.db, ACCOUNT, rule, T0);
    await evaluateRule(store.db, ACCOUNT, rule, T0 + 10 * MINUTE);
    await add(failures(25, T0 + 12 * MINUTE, 4 * MINUTE, 'img.example.com', '/wobble/x/'));
    expect((await evaluateRule(store.db, ACCOUNT, rule, T0 + 17 * MINUTE)).resolved).toEqual([]);
    expect((await evaluateRule(store.db, ACCOUNT, rule, T0 + 21 * MINUTE)).resolved).toEqual([]);
    const [alert] = await recentAlerts(store.db, ACCOUNT);
    expect(alert?.state).toBe('firing');
    expect(alert?.deliveries).toHaveLength(2);
  });

  it('does not fire the same rule and group again within the cooldown, and does after it', async () => {
    await add(failures(25, T0 - 9 * MINUTE, 8 * MINUTE, 'img.example.com', '/again/'));
    await evaluateRule(store.db, ACCOUNT, rule, T0);
    await evaluateRule(store.db, ACCOUNT, rule, T0 + 10 * MINUTE);
    await evaluateRule(store.db, ACCOUNT, rule, T0 + 20 * MINUTE);
    // A second spike 25 minutes after the first firing: within the 30-minute cooldown.
    await add(failures(25, T0 + 16 * MINUTE, 8 * MINUTE, 'img.example.com', '/again/'));
    expect((await evaluateRule(store.db, ACCOUNT, rule, T0 + 25 * MINUTE)).fired).toEqual([]);
    // Still breaching once the cooldown is over: it fires.
    await add(failures(25, T0 + 22 * MINUTE, 8 * MINUTE, 'img.example.com', '/again/'));
    expect((await evaluateRule(store.db, ACCOUNT, rule, T0 + 30 * MINUTE)).fired).toHaveLength(1);
    expect(await recentAlerts(store.db, ACCOUNT)).toHaveLength(2);
  });

  it("keeps to a rule's domain and prefix filter and reason", async () => {
    const narrow: AlertRule = {
      ...rule,
      name: 'downloads',
      domain: 'dl.example.com',
      prefix: '/big/',
      threshold: 5,
    };
    await add(failures(10, T0 - 5 * MINUTE, MINUTE, 'img.example.com', '/big/'));
    await add(failures(10, T0 - 5 * MINUTE, MINUTE, 'dl.example.com', '/small/'));
    expect((await evaluateRule(store.db, ACCOUNT, narrow, T0)).fired).toEqual([]);
    await add(failures(6, T0 - 5 * MINUTE, MINUTE, 'dl.example.com', '/big/files/'));
    const result = await evaluateRule(store.db, ACCOUNT, narrow, T0);
    expect(result.fired.map((group) => group.key)).toEqual(['prefix:dl.example.com/big/files/']);
    const other: AlertRule = { ...narrow, name: 'five-xx', reason: 'origin-5xx' };
    expect((await evaluateRule(store.db, ACCOUNT, other, T0)).fired).toEqual([]);
  });
});
