import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../store/database';
import { upsertTasks } from '../../store/task-rows';
import { readSyncState } from '../sync-state';
import { HEARTBEAT_MS, Heartbeat } from './heartbeat';
import { stepHarness, T0, task } from './step-context.fixture';

let store: Store;
beforeAll(async () => {
  store = await openStore({ databaseUrl: null, dataDir: 'memory://', historyDays: 30 });
}, 60_000);
afterAll(async () => {
  await store.close();
});

describe('the heartbeat', () => {
  it('records the leader, the counts and the follow’s lag, then counts again only every few seconds', async () => {
    const { ctx, clock } = await stepHarness(store, 'beat');
    await upsertTasks(store.db, 'beat', [task('a', T0, { status: 'Pending', progress: 0 }), task('b', T0)]);
    const heartbeat = new Heartbeat();
    await heartbeat.run(ctx, 1_500);
    expect(await readSyncState(store.db, 'beat')).toMatchObject({
      leader: 'test-instance',
      heartbeatAt: T0,
      stats: { inFlightRows: 1, followBehindMs: 1_500, lastChangeAt: null },
    });

    // A second later and nothing changed: nothing to say.
    clock.now += 1_000;
    await heartbeat.run(ctx, 0);
    expect((await readSyncState(store.db, 'beat'))?.heartbeatAt).toBe(T0);

    // A change is told at once, without walking the rows again.
    await upsertTasks(store.db, 'beat', [task('c', T0, { status: 'Pending', progress: 0 })]);
    ctx.changes.rowsChanged(1);
    await heartbeat.run(ctx, 0);
    expect(await readSyncState(store.db, 'beat')).toMatchObject({
      heartbeatAt: T0 + 1_000,
      stats: { inFlightRows: 1, lastChangeAt: T0 + 1_000 },
    });

    clock.now = T0 + HEARTBEAT_MS;
    await heartbeat.run(ctx, 0);
    expect((await readSyncState(store.db, 'beat'))?.stats.inFlightRows).toBe(2);
  });
});
