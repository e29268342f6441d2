/**
 * Backfill: how long a fresh instance takes to bring the upstream's tasks into its empty store,
 * against the floor the upstream sets (full pages ÷ its 5 DescribeRefreshTasks calls/s). Timed from
 * the sync's first call to /api/sync saying the backfill is done; pages counted in the emulator's
 * log. Default sync settings. Prints; asserts nothing.
 *
 * - a busy account's 3 days, BENCH_BACKFILL_TASKS (300,000) in the emulator, into a fresh PGlite store
 *   on disk, BENCH_BACKFILL_REPEATS (2) times with the count-cell triggers and as often with them
 *   switched off in that store before the dashboard opens it (ALTER TABLE tasks DISABLE TRIGGER USER:
 *   the bench's own store, not a setting of the product), alternately: what the cells add to it.
 *   Set BENCH_BACKFILL_TASKS=0 to leave it out, BENCH_BACKFILL_CELLS=on (or off) for only those runs;
 *   BENCH_BACKFILL_CALLS=file to keep every call the emulator logged (support/backfill-watch.ts);
 * - 30,000 tasks: the shared dashboard's own backfill (support/synced-fleet.ts), in memory.
 */
import { sql } from 'kysely';
import { watchBackfill } from './support/backfill-watch';
import { BENCH_PORT, type DashboardInstance, startFleet } from './support/dashboard-instances';
import { prepareStore } from './support/prepared-store';
import { heading, printTable } from './support/report';
import { SYNCED_TASKS, syncedFleet } from './support/synced-fleet';

const UPSTREAM_RATE = 5;
const BIG_TASKS = Number(process.env.BENCH_BACKFILL_TASKS ?? 300_000);
const REPEATS = Number(process.env.BENCH_BACKFILL_REPEATS || 2);
/** BENCH_BACKFILL_CELLS=on or off: only the runs with (or without) the triggers, to compare code. */
const CELL_MODES =
  process.env.BENCH_BACKFILL_CELLS === 'on'
    ? [true]
    : process.env.BENCH_BACKFILL_CELLS === 'off'
      ? [false]
      : [true, false];

interface Measured {
  label: string;
  ms: number;
  pages: number;
  calls: number;
  storedRows: number;
  throttled: number;
}

function tableRow(run: Measured): Array<string | number> {
  const floorS = run.pages / UPSTREAM_RATE;
  const tookS = run.ms / 1000;
  return [
    run.label,
    `${tookS.toFixed(1)} s`,
    run.pages,
    run.calls,
    `${floorS.toFixed(1)} s`,
    (tookS / floorS).toFixed(2),
    run.storedRows,
    run.throttled,
  ];
}

const HEADER = [
  'run',
  'took',
  'pages of 100',
  'all calls',
  'floor (pages ÷ 5/s)',
  'took ÷ floor',
  'stored rows',
  'throttled',
];

/** One backfill of `tasks` upstream tasks by a dashboard on a fresh on-disk store, cells on or off. */
async function backfillOnce(tasks: number, cells: boolean, label: string): Promise<Measured> {
  const store = await prepareStore('cdnmon-bench-backfill-', async ({ db }) => {
    if (!cells) await sql`ALTER TABLE tasks DISABLE TRIGGER USER`.execute(db);
  });
  try {
    const fleet = await startFleet({
      ports: [BENCH_PORT + 30],
      tasks,
      env: { DATA_DIR: store.dataDir },
    });
    let record: Awaited<ReturnType<typeof watchBackfill>>;
    try {
      const instance = fleet.instances[0] as DashboardInstance;
      const [cookie = ''] = await fleet.signIn(1);
      // Three times the upstream's floor, and never under 10 minutes.
      const timeoutMs = Math.max(10 * 60_000, (tasks / 100 / UPSTREAM_RATE) * 3_000);
      record = await watchBackfill(fleet, instance, cookie, timeoutMs);
    } finally {
      await fleet.stop();
    }
    // Counted in the rows themselves: without the triggers the kept counts /api/sync reports stay 0.
    const storedRows = await store.read(async (db) => {
      const counted = await sql<{ n: string }>`SELECT count(*)::text AS n FROM tasks`.execute(db);
      return Number(counted.rows[0]?.n ?? 0);
    });
    return { label, ...record, storedRows };
  } finally {
    store.remove();
  }
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

export async function benchBackfill(): Promise<void> {
  // The busy account first: the shared dashboard, once started, keeps syncing beside it.
  if (BIG_TASKS > 0) await benchBusyBackfill();
  const { backfill } = await syncedFleet();
  heading(
    `Backfill of ${SYNCED_TASKS.toLocaleString('en')} tasks by a fresh instance (default sync settings)`,
  );
  printTable(HEADER, [tableRow({ label: 'in memory', ...backfill })]);
  const purposes = Object.entries(backfill.byPurpose)
    .map(([purpose, calls]) => `${purpose} ${calls}`)
    .join(', ');
  console.log(`calls by purpose (the instance's cdnmon_sync_calls_total): ${purposes}`);
}

/** The busy account's backfill, with the count-cell triggers and without them, alternately. */
async function benchBusyBackfill(): Promise<void> {
  const runs: Array<Measured & { cells: boolean }> = [];
  for (let i = 1; i <= REPEATS; i += 1)
    for (const cells of CELL_MODES) {
      const label = `${cells ? 'cells' : 'no cells'} #${i}`;
      runs.push({ ...(await backfillOnce(BIG_TASKS, cells, label)), cells });
      console.log(`  (${label} done: ${(runs.at(-1)?.ms ?? 0) / 1000} s)`);
    }
  heading(
    `Backfill of ${BIG_TASKS.toLocaleString('en')} tasks into a fresh PGlite store on disk, with the count-cell ` +
      'triggers and without them (target: took ÷ floor ≤1.25, cells add ≤10 %)',
  );
  printTable(HEADER, runs.map(tableRow));
  const withCells = mean(runs.filter((run) => run.cells).map((run) => run.ms));
  const without = mean(runs.filter((run) => !run.cells).map((run) => run.ms));
  if (CELL_MODES.length < 2) return;
  console.log(
    `cells add ${(((withCells - without) / without) * 100).toFixed(1)} % to the backfill ` +
      `(mean ${(withCells / 1000).toFixed(1)} s with, ${(without / 1000).toFixed(1)} s without)`,
  );
}
