import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { durationBin } from '@/lib/duration-bins';
import { type DataFilters, DEFAULT_FILTERS, toDataFilters } from '@/lib/filters';
import { domainOfObjectPath, FAILURE_REASONS, normaliseReason, type Task } from '@/lib/task';
import { isoSeconds } from '@/lib/time-range';
import { summaryOfRows } from '@/testing/row-aggregation';
import { countGroups } from '../alerts/group-counts';
import type { AlertRule } from '../alerts/rules';
import { metrics } from '../metrics';
import { pathPrefix } from '../summary/summary-aggregate';
import { TRIAGE_TOP_N, TriageCounts } from '../summary/triage-aggregate';
import { checkCells } from './cell-check';
import { HOUR_MS } from './cell-cover';
import { edgeRanges, summedCover } from './cell-edges';
import { openStore, type Store } from './database';
import { storeEngines } from './store-engines.fixture';
import { readSpikes, readSummary, readSummaryFromRows } from './summary-reads';
import { countTasks, readAccountCounts } from './task-count';
import { readAllTasks } from './task-reads';
import { pruneTasks, upsertTasks } from './task-rows';
import { rankTimeoutPrefixes, triageGroupsFromCells } from './triage-cells';
import { readTriage } from './triage-reads';

/**
 * The count cells (migrations/0003-cells.ts, 0009-coarse-cells.ts, 0010, 0011) and duration cells (0008-duration-cells.ts, 0013) against the row scans they replace: random inserts,
 * status and progress changes, re-reads of the same rows and prunes, then random windows and
 * filters — every answer from cells must equal the answer from rows, and the cell check must find
 * nothing to rebuild.
 */

const BASE = Date.parse('2026-11-20T00:00:00Z');
const DAY = 86_400_000;
const SPAN = 4 * DAY;
const DOMAINS = ['img.shop.com', 'static.web.com', 'video.cdn.cn'];
const DIRECTORIES = ['a/b', 'a/c', 'x', '', 'a/b/c'];
const STATUSES = ['Complete', 'Failed', 'Refreshing', 'Pending', 'Timeout', 'Canceled'];
const TYPES = ['file', 'directory', 'preload'];
const DESCRIPTIONS = [null, 'Origin Timeout', 'Internal Error', 'OriginReturn StatusCode 5XX', 'Disk full'];

/** Creation times that often fall on, or a second beside, an hour boundary. */
const createdMs = fc.oneof(
  fc.integer({ min: 0, max: SPAN / 1000 }).map((s) => BASE + s * 1000),
  fc
    .tuple(fc.integer({ min: 0, max: SPAN / HOUR_MS }), fc.constantFrom(-1000, 0, 1000))
    .map(([h, d]) => BASE + h * HOUR_MS + d),
);

/** Tasks over `directories` (path prefixes) with descriptions drawn from `descriptions`. */
function tasksOver(
  directories: readonly string[],
  descriptions: fc.Arbitrary<string | null>,
): fc.Arbitrary<Task> {
  return fc
    .record({
      id: fc.integer({ min: 1, max: 40 }),
      k: fc.integer({ min: 0, max: 2 }),
      domain: fc.constantFrom(...DOMAINS),
      directory: fc.constantFrom(...directories),
      status: fc.constantFrom(...STATUSES),
      type: fc.constantFrom(...TYPES),
      progress: fc.integer({ min: 0, max: 100 }),
      description: descriptions,
      at: createdMs,
    })
    .map(({ id, k, domain, directory, status, type, progress, description, at }): Task => {
      const objectPath = `https://${domain}/${directory ? `${directory}/` : ''}f${k}.jpg`;
      return {
        taskId: String(9_000_000_000 + id),
        objectPath,
        objectType: type,
        status,
        progress,
        createdAt: isoSeconds(at),
        domain: domainOfObjectPath(objectPath),
        description,
        reason: normaliseReason(description),
      };
    });
}

const taskArb = tasksOver(DIRECTORIES, fc.constantFrom(...DESCRIPTIONS));

const TIMEOUT_DIRECTORIES = ['a', 'b', 'c', 'd/e', 'd/f', 'g', 'h/i', ''];

/**
 * Mostly Origin Timeouts over 24 prefixes, so triage's prefix ranking has more than its top ten to
 * choose from, with ties at the tenth.
 */
const timeoutTaskArb = tasksOver(
  TIMEOUT_DIRECTORIES,
  fc.oneof(
    { weight: 4, arbitrary: fc.constant('Origin Timeout') },
    { weight: 1, arbitrary: fc.constantFrom(null, 'Internal Error') },
  ),
);

/**
 * One Origin Timeout in every one of the 24 prefixes, at random times and with ids of their own:
 * written after the random steps, it leaves more prefixes than triage's top ten in at least the
 * whole-history view of every run, so the cut and its ties are exercised by construction rather
 * than by the luck of the random steps.
 */
const everyTimeoutPrefixArb: fc.Arbitrary<Task[]> = fc
  .array(fc.tuple(createdMs, fc.constantFrom(...TYPES)), {
    minLength: DOMAINS.length * TIMEOUT_DIRECTORIES.length,
    maxLength: DOMAINS.length * TIMEOUT_DIRECTORIES.length,
  })
  .map((picks) =>
    picks.map(([at, type], i): Task => {
      const domain = DOMAINS[i % DOMAINS.length];
      const directory = TIMEOUT_DIRECTORIES[Math.floor(i / DOMAINS.length)];
      const objectPath = `https://${domain}/${directory ? `${directory}/` : ''}wide.jpg`;
      return {
        taskId: String(9_100_000_000 + i),
        objectPath,
        objectType: type,
        status: 'Failed',
        progress: 100,
        createdAt: isoSeconds(at),
        domain: domainOfObjectPath(objectPath),
        description: 'Origin Timeout',
        reason: normaliseReason('Origin Timeout'),
      };
    }),
  );

/** `seenMs`: the sync's clock at the write, what a row seen ending gets as its end. */
type Step =
  | { kind: 'upsert'; tasks: Task[]; seenMs: number }
  | {
      kind: 'change';
      picks: number[];
      status: string;
      progress: number;
      description: string | null;
      seenMs: number;
    }
  /** The picked rows seen in flight, then ended at seenMs: what the follow sees. */
  | { kind: 'finish'; picks: number[]; status: string; seenMs: number }
  | { kind: 'reread' }
  | { kind: 'prune'; beforeMs: number };

function stepsOver(tasks: fc.Arbitrary<Task>): fc.Arbitrary<Step> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.array(tasks, { minLength: 1, maxLength: 30 }), createdMs)
        .map(([tasks, seenMs]) => ({ kind: 'upsert' as const, tasks, seenMs })),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('change' as const),
        picks: fc.array(fc.nat(), { minLength: 1, maxLength: 10 }),
        status: fc.constantFrom(...STATUSES),
        progress: fc.integer({ min: 0, max: 100 }),
        description: fc.constantFrom(...DESCRIPTIONS),
        // Ends seen before, at and long after creation: every duration bin, and clocks that disagree.
        seenMs: createdMs,
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('finish' as const),
        picks: fc.array(fc.nat(), { minLength: 1, maxLength: 10 }),
        status: fc.constantFrom('Complete', 'Failed', 'Timeout', 'Canceled'),
        seenMs: createdMs,
      }),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'reread' as const }) },
    { weight: 1, arbitrary: createdMs.map((beforeMs) => ({ kind: 'prune' as const, beforeMs })) },
  );
}

const stepArb = stepsOver(taskArb);
const timeoutStepArb = stepsOver(timeoutTaskArb);

const queryArb = fc.record({
  status: fc.subarray(STATUSES, { maxLength: 2 }),
  type: fc.subarray(TYPES, { maxLength: 2 }),
  domain: fc.subarray(DOMAINS, { maxLength: 2 }),
  reason: fc.subarray([...FAILURE_REASONS], { maxLength: 2 }),
});

const edgeMs = fc.constantFrom(0, -1000, 1000, 1234);

/**
 * Windows long enough for hour buckets (over 36 hours), ends anywhere, often on a boundary; and
 * windows over 9 days, whose 6-hour buckets read the quarter cells, starting before the history or
 * inside it.
 */
const windowArb = fc.oneof(
  fc.tuple(createdMs, fc.integer({ min: 37, max: 96 }), edgeMs).map(([startMs, hours, extra]) => ({
    startMs,
    endMs: startMs + hours * HOUR_MS + extra,
    clamped: false,
  })),
  fc
    .tuple(createdMs, fc.integer({ min: 0, max: 240 }), fc.integer({ min: 217, max: 400 }), edgeMs)
    .map(([atMs, back, hours, extra]) => ({
      startMs: atMs - back * HOUR_MS,
      endMs: atMs - back * HOUR_MS + hours * HOUR_MS + extra,
      clamped: false,
    })),
);

/** Windows to the end of the history that leave out up to its first 40 hours (ranked as all time less those). */
const mostOfHistoryArb = fc.tuple(fc.integer({ min: 1, max: 40 }), edgeMs).map(([hours, extra]) => ({
  startMs: BASE + hours * HOUR_MS + extra,
  endMs: BASE + SPAN + 1000,
  clamped: false,
}));

/**
 * Tasks a second to 40 minutes either side of a window's start or end, seen ending 90 s after their
 * creation: every view then has rows in the partial hours at its edges — both those added to the
 * cells and those subtracted from an edge hour taken whole (cell-edges.ts) — by construction rather
 * than by the luck of the random steps, whose few dozen tasks spread over four days.
 */
const EDGE_OFFSETS_MS = [-40, -1 / 60, 0, 1 / 60, 40].map((minutes) => minutes * 60_000);
const edgeTasksArb = fc.array(
  fc.tuple(taskArb, fc.constantFrom('start', 'end'), fc.constantFrom(...EDGE_OFFSETS_MS)),
  { minLength: 3, maxLength: 6 },
);

async function crowdEdges(
  store: Store,
  account: string,
  known: Map<string, Task>,
  window: { startMs: number; endMs: number },
  picks: Array<[Task, 'start' | 'end', number]>,
): Promise<void> {
  const tasks = picks.map(([task, edge, offsetMs], i): Task => {
    const at = (edge === 'start' ? window.startMs : window.endMs) + offsetMs;
    return { ...task, taskId: String(9_300_000_000 + known.size + i), createdAt: isoSeconds(at) };
  });
  await upsertTasks(
    store.db,
    account,
    tasks.map((task) => ({ ...task, status: 'Refreshing', progress: 50 })),
  );
  const seenMs = Math.max(...tasks.map((task) => Date.parse(task.createdAt))) + 90_000;
  await upsertTasks(store.db, account, tasks, new Date(seenMs), () => 5_000);
  for (const task of tasks) known.set(`${task.taskId} ${task.objectPath}`, task);
  // Count the views where an edge hour was taken whole and some of its rows subtracted.
  const ranges = edgeRanges({ ...window, clamped: false }, summedCover({ ...window, clamped: false }));
  const inRange = (ms: number, range: (typeof ranges)[number]) =>
    (range.fromIncluded ? ms >= range.from : ms > range.from) &&
    (range.toIncluded ? ms <= range.to : ms < range.to);
  if (
    tasks.some((task) => ranges.some((range) => range.sign < 0 && inRange(Date.parse(task.createdAt), range)))
  )
    subtractedSeen += 1;
}

const EMPTY: DataFilters = toDataFilters(DEFAULT_FILTERS);
const meta = { partial: false, fetchedAt: 'T' };

async function applyStep(store: Store, account: string, known: Map<string, Task>, step: Step): Promise<void> {
  const remember = (tasks: Task[]) => {
    for (const task of tasks) known.set(`${task.taskId} ${task.objectPath}`, task);
  };
  if (step.kind === 'upsert') {
    await upsertTasks(store.db, account, step.tasks, new Date(step.seenMs), () => 5_000);
    remember(step.tasks);
  } else if (step.kind === 'change' && known.size > 0) {
    const all = [...known.values()];
    const changed = step.picks.map((i) => ({
      ...(all[i % all.length] as Task),
      status: step.status,
      progress: step.progress,
      description: step.description,
      reason: normaliseReason(step.description),
    }));
    await upsertTasks(store.db, account, changed, new Date(step.seenMs), () => 5_000);
    remember(changed);
  } else if (step.kind === 'finish' && known.size > 0) {
    const all = [...known.values()];
    const picked = step.picks.map((i) => all[i % all.length] as Task);
    await upsertTasks(
      store.db,
      account,
      picked.map((task) => ({ ...task, status: 'Refreshing', progress: 50 })),
    );
    const ended = picked.map((task) => ({ ...task, status: step.status, progress: 100 }));
    await upsertTasks(store.db, account, ended, new Date(step.seenMs), (task) =>
      task.objectType === 'file' ? 5_000 : 60_000,
    );
    remember(ended);
  } else if (step.kind === 'reread') {
    await upsertTasks(store.db, account, [...known.values()]);
  } else if (step.kind === 'prune') {
    await pruneTasks(store.db, account, new Date(step.beforeMs));
    for (const [key, task] of known) if (Date.parse(task.createdAt) < step.beforeMs) known.delete(key);
  }
}

/** Views whose summary held times to finish: the property must not pass on empty histograms alone. */
let durationsSeen = 0;
/** Views with rows subtracted from an edge hour taken whole (crowdEdges). */
let subtractedSeen = 0;

async function expectCellsMatchRows(
  store: Store,
  account: string,
  filter: Pick<DataFilters, 'status' | 'type' | 'domain' | 'reason'>,
  window: { startMs: number; endMs: number; clamped: boolean },
): Promise<void> {
  const query = { ...EMPTY, ...filter };
  expect(await readSummary(store.db, account, query, window, meta)).toEqual(
    await readSummaryFromRows(store.db, account, query, window, meta),
  );
  // The duration histogram, from cells and over rows in SQL, equals the rows' own durations binned here.
  const stored = await readAllRows(store, account, query, window);
  const durations = (await readSummary(store.db, account, query, window, meta)).durations;
  expect(durations).toEqual(summaryOfRows(stored, window, query, meta).durations);
  durationsSeen += Object.keys(durations.byType).length > 0 ? 1 : 0;
  expect(await readSpikes(store.db, account, query, window, meta)).toEqual(
    (await readSummaryFromRows(store.db, account, query, window, meta)).spikes,
  );
  expect(await readTriage(store.db, account, query, window, [], meta, 'cells')).toEqual(
    await readTriage(store.db, account, query, window, [], meta, 'rows'),
  );
  // Triage's times to finish per domain and bin, before its report leaves out domains of few tasks.
  const fromCells = await triageGroupsFromCells(store.db, account, query, window, new TriageCounts(window));
  expect(binCounts(fromCells.durations)).toEqual(
    binCounts(
      stored.flatMap((task) =>
        task.finishedAt
          ? [
              {
                domain: domainOfObjectPath(task.objectPath),
                dbin: durationBin((Date.parse(task.finishedAt) - Date.parse(task.createdAt)) / 1000),
                n: 1,
              },
            ]
          : [],
      ),
    ),
  );
  expect(await countTasks(store.db, account, query, window)).toBe(
    await countTasks(store.db, account, query, window, 'rows'),
  );
  const after = { startMs: window.startMs, endMs: window.endMs, startExclusive: true };
  expect(await countTasks(store.db, account, EMPTY, after)).toBe(
    await countTasks(store.db, account, EMPTY, after, 'rows'),
  );
  const rule: AlertRule = {
    name: 'r',
    reason: filter.reason[0] ?? 'origin-timeout',
    domain: filter.domain[0] ?? null,
    prefix: null,
    accounts: null,
    threshold: 1,
    ratio: 1,
    // Alert windows from a minute to over 6 hours: some with whole hours inside, most without.
    windowMs: ((window.endMs - window.startMs) % (7 * HOUR_MS)) + 60_000,
    cooldownMs: 0,
    channels: [],
  };
  const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : 1);
  expect((await countGroups(store.db, account, rule, window.endMs)).sort(byKey)).toEqual(
    (await countGroups(store.db, account, rule, window.endMs, 'rows')).sort(byKey),
  );
  const counted = await store.db
    .selectFrom('tasks')
    .select((eb) => [
      eb.fn.countAll().as('stored'),
      eb.fn.countAll().filterWhere('status', 'in', ['Pending', 'Refreshing']).as('inFlight'),
    ])
    .where('account_id', '=', account)
    .executeTakeFirstOrThrow();
  expect(await readAccountCounts(store.db, account)).toEqual({
    stored: Number(counted.stored),
    inFlight: Number(counted.inFlight),
  });
}

/** Counts per domain and duration bin, summed, as sorted lines (groups may repeat a key). */
function binCounts(groups: ReadonlyArray<{ domain: string; dbin: number | string; n: number | string }>) {
  const sums = new Map<string, number>();
  for (const group of groups) {
    const key = `${group.domain} ${Number(group.dbin)}`;
    sums.set(key, (sums.get(key) ?? 0) + Number(group.n));
  }
  return [...sums]
    .filter(([, n]) => n !== 0)
    .map(([key, n]) => `${key} ${n}`)
    .sort();
}

/** Every stored row of the view, as the API reads them (with their ends). */
async function readAllRows(
  store: Store,
  account: string,
  query: DataFilters,
  window: { startMs: number; endMs: number; clamped: boolean },
): Promise<Task[]> {
  const tasks: Task[] = [];
  for await (const task of readAllTasks(store.db, account, query, window)) tasks.push(task);
  return tasks;
}

/** Every table the cell check keeps, and the sets it checks them as (cell-check.ts). */
const CELL_TABLES = [
  'task_cells',
  'task_hour_counts',
  'task_status_cells',
  'task_prefix_cells',
  'task_failure_cells',
  'task_duration_cells',
  'task_status_quarters',
  'task_domain_days',
  'task_duration_type_cells',
  'task_duration_slot_cells',
  'task_duration_days',
  'task_duration_type_slots',
  'task_prefix_totals',
] as const;
const CELL_SETS = [
  ...CELL_TABLES.filter((table) => table !== 'task_prefix_cells'),
  'task_prefix_cells (hours)',
  'task_prefix_cells (days)',
  'task_prefix_cells (all time)',
];

async function rebuilds(): Promise<number> {
  const metric = await metrics().storeCellRebuilds.get();
  return metric.values.reduce((sum, value) => sum + value.value, 0);
}

describe.each(storeEngines())('count cells on $name', (engine) => {
  let store: Store;
  let run = 0;
  beforeAll(async () => {
    store = await openStore(await engine.settings());
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await engine.stop();
  });

  it('answer every summary, triage, total, alert count and kept count as the rows do', async () => {
    const before = await rebuilds();
    durationsSeen = 0;
    subtractedSeen = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(queryArb, windowArb, edgeTasksArb), { minLength: 1, maxLength: 3 }),
        async (steps, views) => {
          // Each run its own account: runs share the store, never rows.
          run += 1;
          const account = `${engine.name}-${run}`;
          const known = new Map<string, Task>();
          for (const step of steps) await applyStep(store, account, known, step);
          for (const [filter, window, edgeTasks] of views) {
            await crowdEdges(store, account, known, window, edgeTasks);
            await expectCellsMatchRows(store, account, filter, window);
          }
          // And the whole span unfiltered, where every end seen lands.
          await expectCellsMatchRows(store, account, EMPTY, {
            startMs: BASE - 1000,
            endMs: BASE + SPAN + 1000,
            clamped: false,
          });
          // Over 9 days: 6-hour timeline buckets, read from the 6-hour duration cells and the hours beside them.
          const wide = {
            startMs: BASE - 7 * DAY + 1234 + HOUR_MS,
            endMs: BASE + SPAN + 2 * HOUR_MS + 1000,
            clamped: false,
          };
          await expectCellsMatchRows(store, account, EMPTY, wide);
          await expectCellsMatchRows(
            store,
            account,
            { ...EMPTY, status: ['Complete'], type: ['file'] },
            wide,
          );
          expect(await checkCells(store.db, account, BASE - DAY, BASE + SPAN + DAY)).toBe(0);
        },
      ),
      { numRuns: engine.name === 'PGlite' ? 40 : 25 },
    );
    expect(await rebuilds()).toBe(before);
    expect(durationsSeen).toBeGreaterThan(5);
    expect(subtractedSeen).toBeGreaterThan(5);
  }, 600_000);

  it("rank triage's Origin Timeout prefixes as the rows do, past the top ten and its ties", async () => {
    // Views whose window held more timeout prefixes than the report shows: the cut was exercised.
    let cutSeen = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(timeoutStepArb, { minLength: 4, maxLength: 10 }),
        everyTimeoutPrefixArb,
        createdMs,
        fc.array(fc.tuple(queryArb, fc.oneof(windowArb, mostOfHistoryArb)), { minLength: 1, maxLength: 3 }),
        async (steps, everyPrefix, seenMs, views) => {
          run += 1;
          const account = `${engine.name}-timeouts-${run}`;
          const known = new Map<string, Task>();
          for (const step of [...steps, { kind: 'upsert' as const, tasks: everyPrefix, seenMs }])
            await applyStep(store, account, known, step);
          const whole = { startMs: BASE - 1000, endMs: BASE + SPAN + 1000, clamped: false };
          for (const [filter, window] of [...views, [EMPTY, whole] as const]) {
            const query = { ...EMPTY, type: filter.type, domain: filter.domain };
            const fromRows = await readTriage(store.db, account, query, window, [], meta, 'rows');
            expect(await readTriage(store.db, account, query, window, [], meta, 'cells')).toEqual(fromRows);
            const prefixes = await store.db
              .selectFrom('tasks')
              .select((eb) => eb.fn.count('prefix').distinct().as('n'))
              .where('account_id', '=', account)
              .where('reason', '=', 'origin-timeout')
              .where('created_at', '>=', new Date(window.startMs))
              .where('created_at', '<=', new Date(window.endMs))
              .executeTakeFirstOrThrow();
            if (Number(prefixes.n) > TRIAGE_TOP_N) cutSeen += 1;
            // The ranking itself, not only the report it feeds (ties at the tenth can hide a wrong count).
            const counted = new Map<string, number>();
            for (const task of await readAllRows(
              store,
              account,
              { ...query, reason: ['origin-timeout'] },
              window,
            ))
              counted.set(pathPrefix(task), (counted.get(pathPrefix(task)) ?? 0) + 1);
            const tenth = [...counted.values()].sort((a, b) => b - a)[TRIAGE_TOP_N - 1] ?? 0;
            const top = [...counted].filter(([, n]) => n >= tenth).map(([prefix, n]) => ({ prefix, n }));
            const byName = (a: { prefix: string }, b: { prefix: string }) => (a.prefix < b.prefix ? -1 : 1);
            expect((await rankTimeoutPrefixes(store.db, account, query, window)).sort(byName)).toEqual(
              top.sort(byName),
            );
          }
        },
      ),
      { numRuns: engine.name === 'PGlite' ? 30 : 20 },
    );
    expect(cutSeen).toBeGreaterThan(2);
  }, 600_000);

  it('finds a corruption in every cell set and rebuilds each from its source', async () => {
    const account = `${engine.name}-every-set`;
    const tasks = fc.sample(taskArb, { numRuns: 200, seed: 5 });
    // Seen in flight first, so the rows that end get an end and the duration cells fill too.
    await upsertTasks(
      store.db,
      account,
      tasks.map((task) => ({ ...task, status: 'Pending' })),
    );
    await upsertTasks(store.db, account, tasks, new Date(), () => 5_000);
    const window = { startMs: BASE - DAY, endMs: BASE + SPAN + DAY, clamped: false };
    const truth = await readSummaryFromRows(store.db, account, EMPTY, window, meta);
    for (const table of CELL_TABLES) {
      await sql`UPDATE ${sql.table(table)} SET n = n + 1 WHERE account_id = ${account}`.execute(store.db);
    }

    expect(await checkCells(store.db, account, window.startMs, window.endMs)).toBeGreaterThan(0);
    const rebuilt = (await metrics().storeCellRebuilds.get()).values
      .filter((value) => value.labels.account === account)
      .map((value) => value.labels.cells);
    expect(new Set(rebuilt)).toEqual(new Set(CELL_SETS));
    expect(await checkCells(store.db, account, window.startMs, window.endMs)).toBe(0);
    expect(await readSummary(store.db, account, EMPTY, window, meta)).toEqual(truth);
  }, 120_000);

  it('finds a corrupted cell, rebuilds it, logs and counts it', async () => {
    const account = `${engine.name}-corrupted`;
    const tasks = fc.sample(taskArb, { numRuns: 200, seed: 3 });
    await upsertTasks(store.db, account, tasks);
    const window = { startMs: BASE, endMs: BASE + SPAN, clamped: false };
    const truth = await readSummaryFromRows(store.db, account, EMPTY, window, meta);
    const cell = await store.db
      .selectFrom('task_status_cells')
      .select(['hour', 'status', 'object_type', 'reason', 'pbin'])
      .where('account_id', '=', account)
      .where('hour', '>', BASE / HOUR_MS + 1)
      .where('hour', '<', (BASE + SPAN) / HOUR_MS - 1)
      .orderBy('hour')
      .executeTakeFirstOrThrow();
    await store.db
      .updateTable('task_status_cells')
      .set((eb) => ({ n: eb('n', '+', 5) }))
      .where('account_id', '=', account)
      .where('hour', '=', cell.hour)
      .where('status', '=', cell.status)
      .where('object_type', '=', cell.object_type)
      .where('reason', '=', cell.reason)
      .where('pbin', '=', cell.pbin)
      .execute();
    expect((await readSummary(store.db, account, EMPTY, window, meta)).total).toBe(truth.total + 5);

    const before = await rebuilds();
    const hourMs = cell.hour * HOUR_MS;
    // As most reconcile steps check: the slice alone, without the account-wide sums.
    expect(
      await checkCells(store.db, account, hourMs, hourMs + HOUR_MS, { accountWide: false }),
    ).toBeGreaterThan(0);
    expect(await rebuilds()).toBeGreaterThan(before);
    expect(await readSummary(store.db, account, EMPTY, window, meta)).toEqual(truth);
    expect(await checkCells(store.db, account, BASE, BASE + SPAN)).toBe(0);
  }, 120_000);
});
