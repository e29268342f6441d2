import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomTasks } from '@/testing/random-tasks';
import { openStore, type Store } from './database';
import { needsTidying, tidyStore } from './maintenance';
import { upsertTasks } from './task-rows';

const END = Date.parse('2026-11-28T12:00:00Z');

/** How many heap rows the count of the account's window had to visit besides the index. */
async function heapFetchesOfCount(store: Store): Promise<number> {
  // Other scans are off so the plan is the index walk whose heap visits tidying removes.
  await sql`SET enable_seqscan = off`.execute(store.db);
  await sql`SET enable_bitmapscan = off`.execute(store.db);
  const plan = await sql<{ 'QUERY PLAN': string }>`
    EXPLAIN (ANALYZE, COSTS OFF) SELECT count(*) FROM tasks
    WHERE account_id = 'default' AND created_at >= ${new Date(END - 86_400_000)}`.execute(store.db);
  const line = plan.rows.map((row) => row['QUERY PLAN']).find((text) => text.includes('Heap Fetches'));
  if (!line)
    throw new Error(`no index-only scan in the plan:\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
  return Number(/Heap Fetches: (\d+)/.exec(line)?.[1]);
}

describe('tidying the embedded store', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ databaseUrl: null, dataDir: 'memory://', historyDays: 30 });
    await upsertTasks(
      store.db,
      'default',
      randomTasks(2_000, { seed: 3, endMs: END, spanMs: 2 * 86_400_000 }),
    );
  }, 120_000);
  afterAll(() => store.close());

  it('lets counts answer from the index alone, as PGlite runs no autovacuum', async () => {
    expect(needsTidying(store)).toBe(true);
    expect(await heapFetchesOfCount(store)).toBeGreaterThan(0);
    await tidyStore(store);
    expect(await heapFetchesOfCount(store)).toBe(0);
  });

  it('vacuums and analyses every table of tasks and their cells, which the reads of cells plan by', async () => {
    await tidyStore(store);
    const untidied = await sql<{ relname: string }>`
      SELECT relname FROM pg_stat_user_tables
      WHERE relname LIKE 'task%' AND (last_vacuum IS NULL OR last_analyze IS NULL)`.execute(store.db);
    expect(untidied.rows.map((row) => row.relname)).toEqual([]);
  });

  it('is left to PostgreSQL itself', () => {
    expect(needsTidying({ engine: 'postgres' })).toBe(false);
  });
});
