/**
 * Store queries: how long the reads behind every view take at 30,000 and 100,000 stored tasks, on
 * PGlite (on disk, as DATA_DIR keeps it) and on PostgreSQL (a throwaway server). The store is filled
 * directly with the emulator's world, then each read is timed as the route calls it, and once per
 * kind over HTTP through a running instance (sync off, so only the reads run). Prints; asserts nothing.
 */
import './support/server-modules';
import { join } from 'node:path';
import { parseFilters, toDataFilters } from '../lib/filters';
import { resolveWindow } from '../lib/time-range';
import { withBenchDatabase } from './support/bench-database';
import { BENCH_PORT, startFleet } from './support/dashboard-instances';
import { emulatorTasks } from './support/emulator-tasks';
import { heading, ms } from './support/report';
import { timeRuns } from './support/time-runs';

const RUNS = Number(process.env.BENCH_STORE_RUNS || 7);
const WARM_UPS = 2;
const TIMING = { runs: RUNS, warmUps: WARM_UPS };
const WARM_UP_ROUNDS = 10;
const ACCOUNT = 'default';

type Kind = 'list' | 'summary' | 'triage';

/** The cases: the window is the upstream's whole 3 days unless the case says otherwise. */
const CASES: Array<{ label: string; kind: Kind; search: string; http?: boolean }> = [
  { label: 'list, no filter', kind: 'list', search: 'from=now-3d', http: true },
  {
    label: 'list, status=Failed&status=Pending',
    kind: 'list',
    search: 'from=now-3d&status=Failed&status=Pending',
  },
  {
    label: 'list, domain=img.shop-example.com',
    kind: 'list',
    search: 'from=now-3d&domain=img.shop-example.com',
  },
  { label: 'list, reason=origin-timeout', kind: 'list', search: 'from=now-3d&reason=origin-timeout' },
  { label: 'list, page 50', kind: 'list', search: 'from=now-3d&page=50' },
  { label: 'list, q=thumb over 30 days', kind: 'list', search: 'from=now-30d&q=thumb' },
  { label: 'summary, 3 days', kind: 'summary', search: 'from=now-3d', http: true },
  { label: 'triage, 3 days', kind: 'triage', search: 'from=now-3d', http: true },
];

const TARGETS: Partial<Record<Kind, number>> = { list: 20, summary: 50 };

type StoreModules = Awaited<ReturnType<typeof loadStoreModules>>;

async function loadStoreModules() {
  const [database, rows, reads, summary, triage, history, maintenance] = await Promise.all([
    import('../lib/server/store/database'),
    import('../lib/server/store/task-rows'),
    import('../lib/server/store/task-reads'),
    import('../lib/server/store/summary-reads'),
    import('../lib/server/store/triage-reads'),
    import('../lib/server/store/history'),
    import('../lib/server/store/maintenance'),
  ]);
  return { ...database, ...rows, ...reads, ...summary, ...triage, ...history, ...maintenance };
}

type Db = Awaited<ReturnType<StoreModules['openStore']>>['db'];

/** One read as its route makes it (triage also reads the summary's spikes, as triageFor does). */
function reader(store: StoreModules, db: Db, kind: Kind, search: string): () => Promise<unknown> {
  const { filters, problems } = parseFilters(new URLSearchParams(search), { unknownKeys: 'report' });
  if (Object.keys(problems).length > 0) throw new Error(`bad case ${search}: ${JSON.stringify(problems)}`);
  const query = toDataFilters(filters);
  const meta = { partial: false, fetchedAt: new Date().toISOString() };
  return async () => {
    const nowMs = Date.now();
    const resolved = resolveWindow(filters.from, filters.to, nowMs, store.historyStart(nowMs));
    if (!resolved.ok) throw new Error(`bad window ${search}`);
    const window = resolved.window;
    if (kind === 'list') return store.readTaskPage(db, ACCOUNT, query, window);
    if (kind === 'summary') return store.readSummary(db, ACCOUNT, query, window, meta);
    const all = { ...query, status: [], reason: [] };
    const { spikes } = await store.readSummary(db, ACCOUNT, all, window, meta);
    return store.readTriage(db, ACCOUNT, query, window, spikes, meta);
  };
}

function routeOf(kind: Kind): string {
  return kind === 'list' ? '/api/tasks' : kind === 'summary' ? '/api/tasks/summary' : '/api/triage';
}

/** The HTTP cases through one instance reading this store; p50 per case label. */
async function timeOverHttp(env: Record<string, string>, port: number): Promise<Map<string, number>> {
  const fleet = await startFleet({ ports: [port], tasks: 10, env: { ...env, SYNC: 'off' } });
  const result = new Map<string, number>();
  try {
    const [cookie = ''] = await fleet.signIn(1);
    const url = fleet.instances[0]?.url ?? '';
    // A new server's first seconds of requests are slow (modules load, the JIT warms up, the store
    // opens): warm every route first, so the figures are of a running server.
    for (let round = 0; round < WARM_UP_ROUNDS; round += 1)
      for (const { kind, search, http } of CASES)
        if (http)
          await (await fetch(`${url}${routeOf(kind)}?${search}`, { headers: { cookie } })).arrayBuffer();
    for (const { label, kind, search, http } of CASES) {
      if (!http) continue;
      const { p50 } = await timeRuns(async () => {
        const response = await fetch(`${url}${routeOf(kind)}?${search}`, { headers: { cookie } });
        if (!response.ok) throw new Error(`${routeOf(kind)}?${search}: HTTP ${response.status}`);
        await response.arrayBuffer();
      }, TIMING);
      result.set(label, p50);
    }
  } finally {
    await fleet.stop();
  }
  return result;
}

const COLUMNS: Array<[string, number]> = [
  ['engine', 10],
  ['tasks', 7],
  ['read', 36],
  ['p50 ms', 8],
  ['p95 ms', 8],
  ['HTTP kept', 9],
  ['target', 6],
];

/** One line of the table, printed as soon as it is measured (a long run shows its figures as it goes). */
function printRow(cells: string[]): void {
  console.log(
    cells
      .map((cell, i) =>
        i >= 3 && i <= 5 ? cell.padStart(COLUMNS[i]?.[1] ?? 0) : cell.padEnd(COLUMNS[i]?.[1] ?? 0),
      )
      .join('  ')
      .trimEnd(),
  );
}

async function benchEngine(
  store: StoreModules,
  engine: 'PGlite' | 'PostgreSQL',
  size: number,
  tasks: Awaited<ReturnType<typeof emulatorTasks>>,
  port: number,
  overHttp: boolean,
): Promise<void> {
  const names = { database: `bench_${size}`, dirPrefix: 'cdnmon-bench-store-' };
  await withBenchDatabase(engine, names, async ({ databaseUrl, dataDir }) => {
    const opened = await store.openStore({
      databaseUrl,
      dataDir: dataDir ? join(dataDir, 'store') : 'memory://',
      historyDays: 30,
    });
    const timings: Array<{ label: string; kind: Kind; p50: number; p95: number }> = [];
    try {
      const started = performance.now();
      await store.upsertTasks(opened.db, ACCOUNT, tasks);
      const filled = performance.now();
      // As the sync does once its backfill is done (a no-op on PostgreSQL, whose autovacuum does it).
      await store.tidyStore(opened);
      console.log(
        `${engine} ${size}: filled through upsertTasks in ${((filled - started) / 1000).toFixed(1)} s, tidied in ${((performance.now() - filled) / 1000).toFixed(1)} s`,
      );
      for (const { label, kind, search } of CASES)
        timings.push({ label, kind, ...(await timeRuns(reader(store, opened.db, kind, search), TIMING)) });
    } finally {
      await opened.close();
    }
    const http = overHttp
      ? await timeOverHttp(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dataDir ?? '' }, port)
      : new Map<string, number>();
    for (const { label, kind, p50, p95 } of timings) {
      const target = engine === 'PGlite' && size === 30_000 ? TARGETS[kind] : undefined;
      const viaHttp = http.get(label);
      printRow([
        engine,
        String(size),
        label,
        ms(p50),
        ms(p95),
        viaHttp === undefined ? '' : ms(viaHttp),
        target === undefined ? '' : `≤${target}`,
      ]);
    }
  });
}

export async function benchStore(): Promise<void> {
  process.env.LOG_LEVEL ??= 'warn';
  const store = await loadStoreModules();
  heading(
    `Store queries: p50/p95 ms of ${RUNS} runs as the route calls them (each run a new query); ` +
      'HTTP kept: p50 of the same request repeated over HTTP at 30,000, answered from kept answers ' +
      '(lib/server/tasks/read-memo.ts) after the first',
  );
  const nowMs = Date.now();
  // The slowest last: PGlite at 100,000.
  const plan: Array<[number, 'PGlite' | 'PostgreSQL']> = [
    [30_000, 'PGlite'],
    [30_000, 'PostgreSQL'],
    [100_000, 'PostgreSQL'],
    [100_000, 'PGlite'],
  ];
  let worldSize = 0;
  let world: Awaited<ReturnType<typeof emulatorTasks>> = [];
  printRow(COLUMNS.map(([name]) => name));
  for (const [index, [size, engine]] of plan.entries()) {
    if (worldSize !== size) {
      world = await emulatorTasks(size, { seed: 7, nowMs });
      worldSize = size;
    }
    await benchEngine(store, engine, size, world, BENCH_PORT + 10 + index, size === 30_000);
  }
}
