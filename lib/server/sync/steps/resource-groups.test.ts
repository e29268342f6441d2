import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../store/database';
import { resourceGroupStatus } from '../../store/resource-groups';
import { upsertTasks } from '../../store/task-rows';
import { probeDueResourceGroup } from './resource-groups';
import { stepHarness, T0, task } from './step-context.fixture';

let store: Store;
beforeAll(async () => {
  store = await openStore({ databaseUrl: null, dataDir: 'memory://', historyDays: 30 });
}, 60_000);
afterAll(async () => {
  await store.close();
});

describe('the resource-group probe', () => {
  it('asks once per stored domain, on its own pacer, and records which domains are members', async () => {
    const { ctx, upstream, clock } = await stepHarness(store, 'groups', {
      settings: { groupProbeRate: 0.5 },
    });
    const rows = ['a.example.com', 'b.example.com', 'c.example.com'].map((domain, i) =>
      task(`g${i}`, T0 - 60_000, { domain }),
    );
    await upsertTasks(store.db, 'groups', rows);
    upstream.tasks = rows;
    upstream.groups.set('rg-1', new Set(['b.example.com']));
    expect(await resourceGroupStatus(store.db, 'groups', 'rg-1', 'someone', clock.now)).toBe('pending');

    await probeDueResourceGroup(ctx);

    expect(
      upstream.listCalls.map((call) => [call.purpose, call.params.resourceGroupId, call.params.pageSize]),
    ).toEqual([
      ['groups', 'rg-1', 1],
      ['groups', 'rg-1', 1],
      ['groups', 'rg-1', 1],
    ]);
    // 0.5 calls/s: two seconds apart, on the groups' pacer alone.
    expect(upstream.listCalls.map((call) => call.pacerAt)).toEqual([0, 2_000, 4_000]);
    const members = await store.db
      .selectFrom('resource_group_domains')
      .select(['domain', 'member'])
      .where('account_id', '=', 'groups')
      .where('domain', '!=', '')
      .orderBy('domain')
      .execute();
    expect(members).toEqual([
      { domain: 'a.example.com', member: false },
      { domain: 'b.example.com', member: true },
      { domain: 'c.example.com', member: false },
    ]);
    expect(await resourceGroupStatus(store.db, 'groups', 'rg-1', 'someone', clock.now)).toBe('known');
    expect(ctx.changes.takeUnsaved()).toBe(true);

    // Nothing is due now: no call.
    await probeDueResourceGroup(ctx);
    expect(upstream.listCalls).toHaveLength(3);
  });
});
