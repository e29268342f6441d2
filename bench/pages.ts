/**
 * Deep pages: what page 1, 200 and 2,000 of a 30-day list cost at 300,000 stored tasks (a busy
 * account's month), on PGlite (on disk) and PostgreSQL, read as the store reads them now (seeking,
 * store/task-reads.ts) and, for comparison, by OFFSET over whole rows. Prints; asserts nothing.
 *
 * - OFFSET: the page's rows by LIMIT/OFFSET over whole rows, as the list read them before;
 * - seek, cold: the page's rows with nothing remembered: the start is found by counting off sort keys
 *   only (an index-only walk of `tasks_newest`), then the rows are read from there;
 * - seek, next: the page's rows right after the page before it was read, from that page's anchor;
 * - page: the whole read as the route makes it cold (rows and the exact total);
 * - total: the exact count alone, which every page's answer carries, whatever the page.
 */
import './support/server-modules';
import { join } from 'node:path';
import { sql } from 'kysely';
import { DEFAULT_FILTERS, toDataFilters } from '../lib/filters';
import { withBenchDatabase } from './support/bench-database';
import { percentile } from './support/dashboard-instances';
import { emulatorTasks } from './support/emulator-tasks';
import { heading, ms } from './support/report';
import { timeRuns } from './support/time-runs';

const ROWS = 300_000;
const DAYS = 30;
const RUNS = Number(process.env.BENCH_PAGES_RUNS || 5);
const PAGES = [1, 200, 2_000];
const SIZES = [20, 100];
const ACCOUNT = 'default';
const DAY = 86_400_000;

async function loadModules() {
  const [database, rows, reads, order, filter, anchors, maintenance] = await Promise.all([
    import('../lib/server/store/database'),
    import('../lib/server/store/task-rows'),
    import('../lib/server/store/task-reads'),
    import('../lib/server/store/list-order'),
    import('../lib/server/store/task-row-condition'),
    import('../lib/server/store/page-anchors'),
    import('../lib/server/store/maintenance'),
  ]);
  return { ...database, ...rows, ...reads, ...order, ...filter, ...anchors, ...maintenance };
}

type Modules = Awaited<ReturnType<typeof loadModules>>;

async function time(run: () => Promise<unknown>): Promise<number> {
  return (await timeRuns(run, { runs: RUNS, warmUps: 1 })).p50;
}

/** The emulator's 3 days stretched over 30: same mix, same batches, ten times the span. */
async function month(nowMs: number) {
  const tasks = await emulatorTasks(ROWS, { seed: 7, nowMs });
  return tasks.map((task) => {
    const age = nowMs - Date.parse(task.createdAt);
    const at = Math.floor((nowMs - age * (DAYS / 3)) / 1000) * 1000;
    return { ...task, createdAt: new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z') };
  });
}

async function benchEngine(
  m: Modules,
  engine: 'PGlite' | 'PostgreSQL',
  tasks: Awaited<ReturnType<typeof month>>,
  nowMs: number,
): Promise<void> {
  const names = { database: 'bench_pages', dirPrefix: 'cdnmon-bench-pages-' };
  await withBenchDatabase(engine, names, async ({ databaseUrl, dataDir }) => {
    const store = await m.openStore({
      databaseUrl,
      dataDir: dataDir ? join(dataDir, 'store') : 'memory://',
      historyDays: DAYS,
    });
    try {
      const started = performance.now();
      for (let i = 0; i < tasks.length; i += 10_000)
        await m.upsertTasks(store.db, ACCOUNT, tasks.slice(i, i + 10_000));
      await m.tidyStore(store);
      // PostgreSQL's autovacuum would get there; the figures are of a settled table on both engines.
      if (databaseUrl) await sql`VACUUM ANALYZE tasks`.execute(store.db);
      console.log(
        `${engine}: ${tasks.length} rows filled and tidied in ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
      const window = { startMs: nowMs - DAYS * DAY, endMs: nowMs, clamped: false };
      const query = toDataFilters({ ...DEFAULT_FILTERS, from: `now-${DAYS}d` });
      const total = await time(() =>
        store.db
          .selectFrom('tasks')
          .select((eb) => eb.fn.countAll().as('n'))
          .where(m.taskRowCondition(ACCOUNT, query, window))
          .executeTakeFirstOrThrow(),
      );
      console.log(`  total alone (count of ${ROWS}): ${ms(total)} ms`);
      console.log('  size  page   OFFSET  seek, cold  seek, next    page  (p50 ms)');
      for (const size of SIZES)
        for (const page of PAGES) {
          const where = m.taskRowCondition(ACCOUNT, query, window);
          const offset = await time(() =>
            m
              .ordered(store.db)
              .where(where)
              .limit(size)
              .offset((page - 1) * size)
              .execute(),
          );
          const paged = { ...query, page, size };
          const cold = await time(() => m.readPageRows(store.db, ACCOUNT, paged, window, undefined));
          const whole = await time(() => m.readTaskPage(store.db, ACCOUNT, paged, window));
          const next = await timeNext(m, store.db, paged, window);
          console.log(
            `  ${String(size).padStart(4)}  ${String(page).padStart(5)}  ${ms(offset).padStart(6)}  ${ms(cold).padStart(10)}  ${ms(next).padStart(10)}  ${ms(whole).padStart(6)}`,
          );
        }
    } finally {
      await store.close();
    }
  });
}

/** p50 of the rows of `paged` read right after the page before it (the anchors of that read). */
async function timeNext(
  m: Modules,
  db: Parameters<Modules['readTaskPage']>[0],
  paged: Parameters<Modules['readTaskPage']>[2],
  window: Parameters<Modules['readTaskPage']>[3],
): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const anchors = new m.PageAnchors();
    if (paged.page > 1)
      await m.readTaskPage(db, ACCOUNT, { ...paged, page: paged.page - 1 }, window, anchors);
    const started = performance.now();
    await m.readPageRows(db, ACCOUNT, paged, window, anchors);
    samples.push(performance.now() - started);
  }
  return percentile(samples, 50);
}

export async function benchPages(): Promise<void> {
  process.env.LOG_LEVEL ??= 'warn';
  const m = await loadModules();
  heading(`Deep pages: a ${DAYS}-day list at ${ROWS.toLocaleString('en')} stored tasks, p50 of ${RUNS} runs`);
  const nowMs = Date.now();
  const tasks = await month(nowMs);
  for (const engine of ['PGlite', 'PostgreSQL'] as const) await benchEngine(m, engine, tasks, nowMs);
}

// Runnable alone too: `npx tsx bench/pages.ts`.
if (import.meta.url === `file://${process.argv[1]}`) await benchPages();
