/**
 * When a row was first seen ended (docs/sync.md, "Time to finish"): stamped by the upsert that turns
 * it from in flight to ended, with the precision given for it; never for a row first seen ended.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '@/lib/task';
import { openStore, type Store } from './database';
import { storeEngines } from './store-engines.fixture';
import { readTasksById } from './task-reads';
import { upsertTasks } from './task-rows';

const CREATED = '2026-11-28T10:00:00Z';
const task = (taskId: string, status: string, progress: number): Task => ({
  taskId,
  objectPath: `http://img.example.com/${taskId}.png`,
  objectType: 'file',
  status,
  progress,
  createdAt: CREATED,
  domain: 'img.example.com',
  description: status === 'Failed' ? 'Origin Timeout' : null,
  reason: status === 'Failed' ? 'origin-timeout' : null,
});

describe.each(storeEngines())('finish times on $name', (engine) => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(await engine.settings());
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await engine.stop();
  });

  const read = async (id: string) => (await readTasksById(store.db, 'finish', [id]))[0];

  it('stamps the end seen after the row was in flight, with its precision, and keeps it', async () => {
    await upsertTasks(store.db, 'finish', [task('1', 'Pending', 0), task('2', 'Refreshing', 40)]);
    expect((await read('1'))?.finishedAt).toBeNull();
    const seen = new Date('2026-11-28T10:01:05.250Z');
    await upsertTasks(store.db, 'finish', [task('1', 'Complete', 100), task('2', 'Failed', 60)], seen, (t) =>
      t.taskId === '1' ? 5_000 : 60_000,
    );
    expect(await read('1')).toMatchObject({ finishedAt: seen.toISOString(), finishedPrecisionSeconds: 5 });
    expect(await read('2')).toMatchObject({ finishedAt: seen.toISOString(), finishedPrecisionSeconds: 60 });
    // Read again later (a reconcile, a head poll's overlap): the first end seen stays.
    const later = await upsertTasks(
      store.db,
      'finish',
      [{ ...task('1', 'Complete', 100), description: 'done' }],
      new Date('2026-11-28T11:00:00Z'),
      () => 1_000,
    );
    expect(later.changed).toBe(1);
    expect(await read('1')).toMatchObject({ finishedAt: seen.toISOString(), finishedPrecisionSeconds: 5 });
  });

  it('leaves the end unknown for a row first seen already ended', async () => {
    await upsertTasks(store.db, 'finish', [task('3', 'Complete', 100)], new Date(), () => 5_000);
    expect(await read('3')).toMatchObject({ finishedAt: null, finishedPrecisionSeconds: null });
  });

  it('leaves the end unknown for a row seen ending without a precision (nothing bounds when it ended)', async () => {
    await upsertTasks(store.db, 'finish', [task('5', 'Refreshing', 10)]);
    await upsertTasks(store.db, 'finish', [task('5', 'Failed', 70)], new Date(), () => null);
    expect(await read('5')).toMatchObject({
      status: 'Failed',
      finishedAt: null,
      finishedPrecisionSeconds: null,
    });
  });

  it('forgets the end when the upstream reports the row in flight again', async () => {
    await upsertTasks(store.db, 'finish', [task('4', 'Refreshing', 10)]);
    await upsertTasks(store.db, 'finish', [task('4', 'Complete', 100)], new Date(), () => 5_000);
    expect((await read('4'))?.finishedAt).not.toBeNull();
    await upsertTasks(store.db, 'finish', [task('4', 'Refreshing', 50)], new Date(), () => 5_000);
    expect(await read('4')).toMatchObject({ finishedAt: null, finishedPrecisionSeconds: null });
  });
});
