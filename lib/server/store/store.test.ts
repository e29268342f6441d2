import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DataFilters, DEFAULT_FILTERS, taskIdsOf, toDataFilters } from '@/lib/filters';
import { isInFlight, type Task } from '@/lib/task';
import { randomTasks } from '@/testing/random-tasks';
import { summaryOfRows, triageOfRows } from '@/testing/row-aggregation';
import { openStore, type Store } from './database';
import { compareNewestFirst } from './newest-first.fixture';
import { storeEngines } from './store-engines.fixture';
import { readSummary } from './summary-reads';
import { readAllTasks, readTaskPage, readTasksById } from './task-reads';
import { upsertTasks } from './task-rows';
import { readTriage } from './triage-reads';

const END = Date.parse('2026-11-28T12:00:00Z');
const DAY = 86_400_000;
const ROWS = randomTasks(3_000, { seed: 7, endMs: END, spanMs: 3 * DAY });
const ACCOUNT = 'default';
const window = { startMs: END - 2 * DAY, endMs: END, clamped: false };

const EMPTY: DataFilters = { ...toDataFilters(DEFAULT_FILTERS), from: 'now-2d' };

/** The same filter in plain JavaScript: the reference the SQL must equal. */
function matches(task: Task, query: DataFilters): boolean {
  const at = Date.parse(task.createdAt);
  if (at < window.startMs || at > window.endMs) return false;
  if (query.status.length && !query.status.includes(task.status)) return false;
  if (query.type.length && !query.type.includes(task.objectType)) return false;
  if (query.domain.length && !query.domain.includes(task.domain)) return false;
  if (query.reason.length && !(task.reason && query.reason.includes(task.reason))) return false;
  if (query.path && task.objectPath !== query.path) return false;
  if (query.task && !taskIdsOf(query.task).includes(task.taskId)) return false;
  if (query.q && !task.objectPath.toLowerCase().includes(query.q.toLowerCase())) return false;
  return true;
}

const QUERIES: Array<Partial<DataFilters>> = [
  {},
  { status: ['Failed', 'Pending'] },
  { status: ['Timeout', 'Canceled'], type: ['block', 'file'] },
  { domain: ['img.shop.com'] },
  { reason: ['origin-timeout'] },
  { reason: ['other', 'internal-error'], domain: ['dl.app.io', 'video.cdn.cn'] },
  { q: 'sku-1' },
  { q: '视频' },
  { q: 'a_b%' },
  { q: '_' },
  { path: ROWS[10]?.objectPath ?? null },
  { task: ROWS[20]?.taskId ?? null },
  { task: `${ROWS[20]?.taskId},${ROWS[3]?.taskId},${ROWS[77]?.taskId}` },
  { type: ['unblock'], status: ['Complete'] },
];

describe.each(storeEngines())('the store on $name', (engine) => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(await engine.settings());
    // Written twice, the second time with a changed status: upserts, never duplicates. (The first
    // engine leaves ROWS changed: the next one writes those rows first as Complete, so never sees an end.)
    for (const task of ROWS) {
      task.finishedAt = null;
      task.finishedPrecisionSeconds = null;
    }
    await upsertTasks(store.db, ACCOUNT, ROWS);
    await upsertTasks(store.db, 'other-account', ROWS.slice(0, 500));
    const seenEnded = new Date(END);
    const changed = await upsertTasks(
      store.db,
      ACCOUNT,
      ROWS.slice(0, 100).map((t) => ({ ...t, status: 'Complete' })),
      seenEnded,
      () => 5_000,
    );
    expect(changed.inserted).toBe(0);
    for (const task of ROWS.slice(0, 100)) {
      // A row seen in flight, then ended, has its end stamped, with the precision given.
      if (isInFlight(task)) {
        task.finishedAt = seenEnded.toISOString();
        task.finishedPrecisionSeconds = 5;
      }
      task.status = 'Complete';
    }
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await engine.stop();
  });

  it.each(QUERIES)('lists, pages and counts %o exactly', async (partial) => {
    const query = { ...EMPTY, ...partial };
    const expected = ROWS.filter((task) => matches(task, query)).sort(compareNewestFirst);
    for (const page of [1, 2, 7]) {
      const answer = await readTaskPage(store.db, ACCOUNT, { ...query, page, size: 50 }, window);
      expect(answer.total).toBe(expected.length);
      expect(answer.tasks).toEqual(expected.slice((page - 1) * 50, page * 50));
    }
  });

  if (engine.name === 'PostgreSQL') {
    it('plans without parallel workers or JIT on every connection of the pool', async () => {
      // Several at once, so more than the pool's first connection answers.
      const settings = await Promise.all(
        Array.from({ length: 4 }, () =>
          sql<{
            workers: string;
            jit: string;
          }>`SELECT current_setting('max_parallel_workers_per_gather') AS workers,
            current_setting('jit') AS jit, pg_sleep(0.05)`.execute(store.db),
        ),
      );
      for (const { rows } of settings) expect(rows[0]).toMatchObject({ workers: '0', jit: 'off' });
    });
  }

  it('reads every row of a view in batches, in list order', async () => {
    const query = { ...EMPTY, status: ['Complete'] };
    const expected = ROWS.filter((task) => matches(task, query)).sort(compareNewestFirst);
    const rows: Task[] = [];
    for await (const row of readAllTasks(store.db, ACCOUNT, query, window, 97)) rows.push(row);
    expect(rows).toEqual(expected);
  });

  it('reads every row of a task id', async () => {
    const id = ROWS.find((task, i) => ROWS.findIndex((t) => t.taskId === task.taskId) !== i)
      ?.taskId as string;
    const expected = ROWS.filter((task) => task.taskId === id).sort(compareNewestFirst);
    expect(expected.length).toBeGreaterThan(1);
    expect(await readTasksById(store.db, ACCOUNT, [id])).toEqual(expected);
  });

  it.each([
    {},
    { reason: ['origin-timeout'] },
    { status: ['Failed'] },
    { domain: ['img.shop.com'], q: 'products' },
  ] as Array<Partial<DataFilters>>)('summarises %o as the row-by-row aggregate does', async (partial) => {
    const query = { ...EMPTY, ...partial };
    const meta = { partial: false, fetchedAt: 'T' };
    const expected = summaryOfRows(
      ROWS.filter((task) => matches(task, query)),
      window,
      query,
      meta,
    );
    expect(await readSummary(store.db, ACCOUNT, query, window, meta)).toEqual(expected);
  });

  it('builds the triage report as the row-by-row aggregate does', async () => {
    const meta = { partial: false, fetchedAt: 'T' };
    const expected = triageOfRows(
      ROWS.filter((task) => matches(task, EMPTY)),
      window,
      [],
      meta,
    );
    expect(await readTriage(store.db, ACCOUNT, EMPTY, window, [], meta)).toEqual(expected);
  });
});
