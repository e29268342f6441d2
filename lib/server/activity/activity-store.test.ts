import { afterAll, describe, expect, it } from 'vitest';
import type { Task } from '@/lib/task';
import { openStore } from '../store/database';
import { storeEngines } from '../store/store-engines.fixture';
import { upsertTasks } from '../store/task-rows';
import { activityActors, insertActivity, pruneActivity, readActivity } from './activity-store';

const NOW = new Date('2026-12-01T12:00:00Z');
const HOUR = 3_600_000;

function task(taskId: string, objectPath: string, status: string): Task {
  return {
    taskId,
    objectPath,
    objectType: 'file',
    status,
    progress: status === 'Complete' ? 100 : 0,
    createdAt: NOW.toISOString(),
    domain: new URL(objectPath).host,
    description: null,
    reason: null,
  };
}

for (const engine of storeEngines()) {
  describe(`the activity record (${engine.name})`, () => {
    afterAll(() => engine.stop());

    it('lists submissions newest first with how their tasks ended, filtered by actor, domain and time', async () => {
      const store = await openStore(await engine.settings());
      try {
        const base = {
          accountId: 'default',
          source: 'refresh' as const,
          objectType: 'File',
          failures: [],
          notAttempted: 0,
        };
        await insertActivity(store.db, {
          ...base,
          at: new Date(NOW.getTime() - 2 * HOUR),
          actor: 'olivia',
          actorKind: 'user',
          subject: 'local:olivia',
          domains: ['a.example.com', 'b.example.com'],
          paths: ['https://a.example.com/1', 'https://b.example.com/2'],
          taskIds: ['100'],
          failures: [{ domain: 'c.example.com', code: 'InvalidDomain.NotFound', count: 1 }],
        });
        await insertActivity(store.db, {
          ...base,
          at: new Date(NOW.getTime() - HOUR),
          actor: 'deploy',
          actorKind: 'token',
          subject: 'token:tok_abc',
          domains: ['b.example.com'],
          paths: Array.from({ length: 30 }, (_, i) => `https://b.example.com/${i}`),
          taskIds: ['200', '201'],
        });
        await insertActivity(store.db, {
          ...base,
          accountId: 'other',
          at: NOW,
          actor: 'olivia',
          actorKind: 'user',
          subject: 'local:olivia',
          domains: ['a.example.com'],
          paths: ['https://a.example.com/x'],
          taskIds: ['100'],
        });
        await upsertTasks(
          store.db,
          'default',
          [
            task('100', 'https://a.example.com/1', 'Complete'),
            task('100', 'https://b.example.com/2', 'Failed'),
            task('200', 'https://b.example.com/0', 'Refreshing'),
          ],
          NOW,
        );

        const filter = {
          accountId: 'default',
          from: new Date(NOW.getTime() - 24 * HOUR),
          to: null,
          actor: null,
          domain: null,
          limit: 50,
        };
        const all = await readActivity(store.db, filter);
        expect(all.map((entry) => entry.actor)).toEqual(['deploy', 'olivia']);
        expect(all[0]).toMatchObject({
          actorKind: 'token',
          pathCount: 30,
          taskIds: ['200', '201'],
          outcome: { Refreshing: 1 },
        });
        expect(all[0]?.paths).toHaveLength(20);
        expect(all[1]).toMatchObject({
          outcome: { Complete: 1, Failed: 1 },
          failures: [{ domain: 'c.example.com', code: 'InvalidDomain.NotFound', count: 1 }],
        });

        expect(
          (await readActivity(store.db, { ...filter, actor: 'olivia' })).map((entry) => entry.actor),
        ).toEqual(['olivia']);
        expect(
          (await readActivity(store.db, { ...filter, domain: 'a.example.com' })).map((entry) => entry.actor),
        ).toEqual(['olivia']);
        expect(await readActivity(store.db, { ...filter, domain: 'z.example.com' })).toEqual([]);
        expect(
          (await readActivity(store.db, { ...filter, to: new Date(NOW.getTime() - 90 * 60_000) })).map(
            (entry) => entry.actor,
          ),
        ).toEqual(['olivia']);
        expect(await activityActors(store.db, 'default', filter.from)).toEqual(['deploy', 'olivia']);

        expect(await pruneActivity(store.db, new Date(NOW.getTime() - 90 * 60_000))).toBe(1);
        expect((await readActivity(store.db, filter)).map((entry) => entry.actor)).toEqual(['deploy']);
      } finally {
        await store.close();
      }
    });
  });
}
