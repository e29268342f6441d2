/**
 * Resource groups a URL makes up must not spend the account's budget (docs/sync.md, "Resource
 * groups"), against the real emulator over HTTP on PGlite: sixty made-up groups asked for by one
 * user get five probes (the hour's share), the rest are `limited` and never reach the upstream; the
 * probes run beside the head poll, not in front of it; a group that matched nothing is forgotten
 * after a day instead of being probed again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlClient } from '@/emulator/control-client';
import { type RunningEmulator, startEmulator } from '@/emulator/server';
import { openStore, type Store } from '../store/database';
import {
  expireUnmatchedGroups,
  NEW_GROUPS_PER_USER_PER_HOUR,
  resourceGroupStatus,
  resourceGroupsDue,
  UNMATCHED_GROUP_EXPIRY_MS,
} from '../store/resource-groups';
import { readUpstreamFrom } from '../upstream/emulator-upstream.fixture';
import { resetUpstreamRuntime } from '../upstream/upstream-runtime';
import { AccountSync } from './account-sync';
import { readSyncSettings, type SyncSettings } from './settings';
import { readSyncState } from './sync-state';

const ACCOUNT = 'default';
const VIEWER = 'local:victor';
let emulator: RunningEmulator;
let control: ReturnType<typeof controlClient>;
let store: Store;

const SETTINGS: SyncSettings = {
  ...readSyncSettings({}),
  backfillRate: 50,
  steadyRate: 50,
  headIntervalMs: 300,
  followIntervalMs: 60_000,
  followSlowIntervalMs: 60_000,
  reconcileIntervalMs: 3_600_000,
  leaderRetryMs: 300,
  // Slower than the head poll, so one group's probes span several of its rounds.
  groupProbeRate: 2,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tasks: 600, seed: 7, rateLimits: 'off' });
  control = controlClient(emulator.url);
  await readUpstreamFrom(emulator.url);
  store = await openStore({ databaseUrl: null, dataDir: 'memory://', historyDays: 30 });
}, 60_000);

afterAll(async () => {
  await store?.close();
  await resetUpstreamRuntime();
  await emulator?.close();
});

describe('made-up resource groups', () => {
  it('probe at most the hour’s share per user, beside the head poll, and never the rest', async () => {
    const sync = new AccountSync(store, ACCOUNT, SETTINGS);
    sync.start();
    try {
      await until(
        'the backfill',
        async () => (await readSyncState(store.db, ACCOUNT))?.backfillDone === true,
      );
      const domains = Number(
        (
          await store.db
            .selectFrom('tasks')
            .select((eb) => eb.fn.count('domain').distinct().as('n'))
            .where('account_id', '=', ACCOUNT)
            .executeTakeFirstOrThrow()
        ).n,
      );
      expect(domains).toBeGreaterThan(1);
      await control.clearRequests();

      const answers: string[] = [];
      for (let n = 1; n <= 60; n += 1)
        answers.push(await resourceGroupStatus(store.db, ACCOUNT, `made-up-${n}`, VIEWER, Date.now()));
      expect(answers.filter((answer) => answer === 'pending')).toHaveLength(NEW_GROUPS_PER_USER_PER_HOUR);
      expect(answers.slice(NEW_GROUPS_PER_USER_PER_HOUR).every((answer) => answer === 'limited')).toBe(true);
      // Asking again is no new group: still pending, still limited; another user has a share of their own.
      expect(await resourceGroupStatus(store.db, ACCOUNT, 'made-up-1', VIEWER, Date.now())).toBe('pending');
      expect(await resourceGroupStatus(store.db, ACCOUNT, 'made-up-60', VIEWER, Date.now())).toBe('limited');

      await until(
        'the five probes',
        async () => (await resourceGroupsDue(store.db, ACCOUNT, Date.now())).length === 0,
        120_000,
      );
      for (let n = 1; n <= NEW_GROUPS_PER_USER_PER_HOUR; n += 1)
        expect(await resourceGroupStatus(store.db, ACCOUNT, `made-up-${n}`, VIEWER, Date.now())).toBe(
          'known',
        );

      const calls = (await control.requests()).filter((entry) => entry.action === 'DescribeRefreshTasks');
      const probes = calls.filter((entry) => entry.parameters.ResourceGroupId !== undefined);
      // One call per stored domain per group looked up, and not one for the 55 limited groups.
      expect(probes).toHaveLength(NEW_GROUPS_PER_USER_PER_HOUR * domains);
      expect(new Set(probes.map((entry) => entry.parameters.ResourceGroupId))).toEqual(
        new Set(Array.from({ length: NEW_GROUPS_PER_USER_PER_HOUR }, (_, i) => `made-up-${i + 1}`)),
      );
      // The head poll went on while the probes ran: head-poll calls fall between the first and the
      // last probe of one group (in the main loop's way, they could not).
      const first = calls.indexOf(probes[0] as (typeof calls)[number]);
      const lastOfGroup = calls.findLastIndex(
        (entry) => entry.parameters.ResourceGroupId === probes[0]?.parameters.ResourceGroupId,
      );
      const between = calls.slice(first, lastOfGroup).filter((entry) => !entry.parameters.ResourceGroupId);
      expect(between.length).toBeGreaterThan(0);
    } finally {
      await sync.stop();
    }
  }, 180_000);

  it('forgets a group that matched nothing a day after its probe, and probes it again only when asked', async () => {
    const now = Date.now();
    // made-up-1 … 5 were probed above and matched no domain: nothing is due for them.
    expect(await resourceGroupsDue(store.db, ACCOUNT, now + 2 * UNMATCHED_GROUP_EXPIRY_MS)).toEqual([]);
    expect(await expireUnmatchedGroups(store.db, ACCOUNT, now)).toBe(0);
    expect(
      await expireUnmatchedGroups(store.db, ACCOUNT, now + UNMATCHED_GROUP_EXPIRY_MS + 60_000),
    ).toBeGreaterThan(0);
    const left = await store.db
      .selectFrom('resource_group_domains')
      .select('resource_group_id')
      .where('resource_group_id', 'like', 'made-up-%')
      .execute();
    expect(left).toEqual([]);
    // Asked again, it is a new group, counted against the asker's share (another user here).
    expect(await resourceGroupStatus(store.db, ACCOUNT, 'made-up-1', 'local:rita', now)).toBe('pending');
  });
});
