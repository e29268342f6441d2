/**
 * Triage's counts from count cells (docs/sync.md, "Count cells"): the domain totals from
 * task_domain_days and task_cells, the Origin Timeout groups (with their first and last creation
 * time) from task_failure_cells — the prefixes ranked first, then only the top ones' cells read —
 * the times to finish per domain from task_duration_days (0013) and task_duration_cells (0008),
 * each for the whole days and hours of the window, plus the window's rows in the partial hours at
 * its edges.
 */
import 'server-only';
import { type Kysely, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { ResolvedWindow } from '@/lib/time-range';
import { TRIAGE_TOP_N, type TriageCounts } from '../summary/triage-aggregate';
import { cellFilter, HOUR_MS, hourCover, outsideCover, rowHour, slotCover } from './cell-cover';
import { edgeRanges, edgeRows, summedCover } from './cell-edges';
import { readPacked } from './packed-rows';
import type { Database } from './schema';
import { type TaskRowCriteria, taskRowCondition } from './task-row-condition';
import type { TriageGroupRows } from './triage-reads';

const ORIGIN_TIMEOUT = 'origin-timeout';

export async function triageGroupsFromCells(
  db: Kysely<Database>,
  accountId: string,
  query: TaskRowCriteria,
  window: ResolvedWindow,
  counts: Pick<TriageCounts, 'firstBucketMs' | 'bucketMs'>,
): Promise<TriageGroupRows> {
  // Totals and durations only add up: edge hours may be taken whole, their rows outside the window
  // subtracted (cell-edges.ts). The timeout groups' first and last times cannot be, so keep to hourCover.
  const cover = summedCover(window);
  const ranges = edgeRanges(window, cover);
  // Shares are of all of a domain's tasks, whatever status or reason the view is about.
  const everything = { ...query, status: [], reason: [] };
  // Whole days from the day cells (domain and type), the hours beside them from the hour cells.
  const { slots: days, hours } = slotCover(cover, 24);
  let dayCells = db
    .selectFrom('task_domain_days')
    .where('account_id', '=', accountId)
    .where('day', '>=', days.lo)
    .where('day', '<', days.hi);
  if (query.type.length > 0) dayCells = dayCells.where('object_type', 'in', query.type);
  if (query.domain.length > 0) dayCells = dayCells.where('domain', 'in', query.domain);
  const totalCells = db
    .selectFrom('task_cells')
    .where(cellFilter(accountId, everything))
    .where((eb) =>
      hours.length > 0
        ? eb.or(hours.map((range) => eb.and([eb('hour', '>=', range.lo), eb('hour', '<', range.hi)])))
        : sql<SqlBool>`false`,
    )
    .select(['domain', 'n'])
    .unionAll(dayCells.select(['domain', 'n']));
  const totalRows = edgeRows(db, accountId, everything, ranges, (rows, sign) =>
    rows.select(['domain', sign.as('n')]),
  );
  const totals = db
    .selectFrom(totalCells.unionAll(totalRows).as('src'))
    .select(['domain', sql<number>`sum(n)`.as('n')])
    .groupBy('domain')
    // A domain whose rows were all subtracted (outside the window) is not in it.
    .having(sql`sum(n)`, '<>', 0);

  // Without a status or reason filter, whole days from the duration day cells (0013, every status
  // and reason) and the hours beside them from the hour cells; with one, hour cells throughout.
  const byDay = query.status.length === 0 && query.reason.length === 0;
  const durationHours = byDay ? hours : [cover];
  let durationDays = db
    .selectFrom('task_duration_days')
    .where('account_id', '=', accountId)
    .where('day', '>=', byDay ? days.lo : 0)
    .where('day', '<', byDay ? days.hi : 0);
  if (query.type.length > 0) durationDays = durationDays.where('object_type', 'in', query.type);
  if (query.domain.length > 0) durationDays = durationDays.where('domain', 'in', query.domain);
  const durationCells = db
    .selectFrom('task_duration_cells')
    .where(cellFilter(accountId, query))
    .where((eb) =>
      durationHours.length > 0 && cover.lo < cover.hi
        ? eb.or(durationHours.map((range) => eb.and([eb('hour', '>=', range.lo), eb('hour', '<', range.hi)])))
        : sql<SqlBool>`false`,
    )
    .select(['domain', 'dbin', 'n'])
    .unionAll(durationDays.select(['domain', 'dbin', 'n']));
  const durationRows = edgeRows(db, accountId, query, ranges, (rows, sign) =>
    rows
      .where('finished_at', 'is not', null)
      .select(['domain', sql<number>`task_duration_bin(created_at, finished_at)`.as('dbin'), sign.as('n')]),
  );
  const durations = db
    .selectFrom(durationCells.unionAll(durationRows).as('src'))
    .select(['domain', 'dbin', sql<number>`sum(n)`.as('n')])
    .groupBy(['domain', 'dbin'])
    .having(sql`sum(n)`, '<>', 0);
  const [totalRowsOut, groups, durationsOut] = await Promise.all([
    totals.execute(),
    timeoutGroups(db, accountId, query, window, counts),
    readPacked(db, durations, ['domain', 'dbin', 'n']),
  ]);
  return { totals: totalRowsOut, groups, durations: durationsOut };
}

/**
 * The Origin Timeout groups (per domain or prefix, and bucket, with first and last creation time)
 * the report can show: every domain's buckets, and the buckets of the prefixes ranked among the top
 * ten by count — all prefixes tied with the tenth, so the report's own tie-break (by name) picks from
 * them as it would from all. The prefixes are ranked first (rankTimeoutPrefixes), then only theirs
 * are read: a busy month holds tens of thousands of failure cells, one or two timeouts each.
 */
async function timeoutGroups(
  db: Kysely<Database>,
  accountId: string,
  query: TaskRowCriteria,
  window: ResolvedWindow,
  counts: Pick<TriageCounts, 'firstBucketMs' | 'bucketMs'>,
): Promise<TriageGroupRows['groups']> {
  const cover = hourCover(window);
  const cells = timeoutCells(db, accountId, query);
  const edgeRows = () =>
    db
      .selectFrom('tasks')
      .where(taskRowCondition(accountId, { ...query, status: [], reason: [ORIGIN_TIMEOUT] }, window))
      .where(outsideCover(cover));
  const inCover = () => cells().where('hour', '>=', cover.lo).where('hour', '<', cover.hi);
  const bucket = sql<number>`floor((src.hour::bigint * ${HOUR_MS} - ${counts.firstBucketMs}) / ${counts.bucketMs})::int`;
  /** Per domain (every one), or per prefix (only `prefixes`): cells of whole hours plus edge rows. */
  const groupsBy = (prefixes: readonly string[] | null) => {
    const onlyRanked = sql<SqlBool>`${prefixes === null ? sql`true` : sql`prefix = ANY(${prefixes}::text[])`}`;
    const source = inCover()
      .where(onlyRanked)
      .select(['hour', 'domain', 'prefix', 'n', 'first_at', 'last_at'])
      .unionAll(
        edgeRows()
          .where(onlyRanked)
          .select([
            rowHour.as('hour'),
            'domain',
            'prefix',
            sql<number>`1`.as('n'),
            'created_at as first_at',
            'created_at as last_at',
          ]),
      )
      .as('src');
    const byPrefix = prefixes !== null;
    return readPacked(
      db,
      db
        .selectFrom(source)
        .select([
          sql<'domain' | 'prefix'>`${sql.lit(byPrefix ? 'prefix' : 'domain')}`.as('grouping'),
          'domain',
          (byPrefix ? sql<string>`src.prefix` : sql<string>`''`).as('prefix'),
          bucket.as('bucket'),
          sql<number>`sum(n)`.as('n'),
          sql<Date>`min(first_at)`.as('first'),
          sql<Date>`max(last_at)`.as('last'),
        ])
        .groupBy(byPrefix ? ['domain', 'prefix', 'bucket'] : ['domain', 'bucket']),
      GROUP_COLUMNS,
    );
  };
  const domains = groupsBy(null);
  const prefixes = (await rankTimeoutPrefixes(db, accountId, query, window)).map((row) => row.prefix);
  const ranked = prefixes.length === 0 ? [] : await groupsBy(prefixes);
  return [...(await domains), ...ranked];
}

const GROUP_COLUMNS = ['grouping', 'domain', 'prefix', 'bucket', 'n', 'first', 'last'] as const;

/** The view's Origin Timeout failure cells (type and domain filters; status and reason are fixed). */
function timeoutCells(db: Kysely<Database>, accountId: string, query: TaskRowCriteria) {
  return () => {
    let cells = db
      .selectFrom('task_failure_cells')
      .where('account_id', '=', accountId)
      .where('reason', '=', ORIGIN_TIMEOUT);
    if (query.type.length > 0) cells = cells.where('object_type', 'in', query.type);
    if (query.domain.length > 0) cells = cells.where('domain', 'in', query.domain);
    return cells;
  };
}

/**
 * The prefixes among the top ten by Origin Timeouts in the window (with their counts), all tied with
 * the tenth kept.
 * Counted from the failure cells of the window's whole hours; or, without a type filter (the
 * all-time totals have no type) and when fewer hours of cells lie outside the window than inside,
 * from task_prefix_totals less the cells outside — the usual 30 days hold nearly all the history.
 * Either way plus the window's rows in its partial hours.
 */
export async function rankTimeoutPrefixes(
  db: Kysely<Database>,
  accountId: string,
  query: TaskRowCriteria,
  window: ResolvedWindow,
): Promise<Array<{ prefix: string; n: number }>> {
  const cover = hourCover(window);
  const cells = timeoutCells(db, accountId, query);
  const rows = db
    .selectFrom('tasks')
    .where(taskRowCondition(accountId, { ...query, status: [], reason: [ORIGIN_TIMEOUT] }, window))
    .where(outsideCover(cover))
    .select(['prefix', sql<number>`1`.as('n')]);
  let counted: SelectQueryBuilder<Database, never, { prefix: string; n: number }> | null = null;
  if (query.type.length === 0 && cover.lo < cover.hi) {
    const held = await db
      .selectFrom('task_failure_cells')
      .select([sql<number | null>`min(hour)`.as('first'), sql<number | null>`max(hour)`.as('last')])
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    const outside =
      held?.first == null || held.last == null
        ? 0
        : Math.max(0, cover.lo - held.first) + Math.max(0, held.last + 1 - cover.hi);
    if (outside < cover.hi - cover.lo) {
      const outsideCells = cells()
        .where((eb) => eb.or([eb('hour', '<', cover.lo), eb('hour', '>=', cover.hi)]))
        .select(['prefix', sql<number>`-n`.as('n')]);
      // The few prefixes with timeouts outside the window or in its edge rows, grouped alone, then
      // joined to the totals: cheaper than grouping every prefix's total with them. Every such
      // prefix has a total (its rows are all-time rows), so none is lost by the join.
      const adjusted = db
        .selectFrom(outsideCells.unionAll(rows).as('src'))
        .select(['prefix', sql<number>`sum(n)`.as('n')])
        .groupBy('prefix');
      let allTime = db
        .selectFrom('task_prefix_totals as t')
        .leftJoin(adjusted.as('a'), 'a.prefix', 't.prefix')
        .where('t.account_id', '=', accountId)
        .where('t.origin_timeout', '<>', 0)
        .select(['t.prefix', sql<number>`t.origin_timeout + coalesce(a.n, 0)`.as('n')]);
      if (query.domain.length > 0) allTime = allTime.where('t.domain', 'in', query.domain);
      counted = allTime;
    }
  }
  counted ??= db
    .selectFrom(
      cells()
        .where('hour', '>=', cover.lo)
        .where('hour', '<', cover.hi)
        .select(['prefix', 'n'])
        .unionAll(rows)
        .as('src'),
    )
    .select(['prefix', sql<number>`sum(n)`.as('n')])
    .groupBy('prefix');
  const result = await sql<{ prefix: string; n: number | string }>`
    WITH p AS (${counted}),
      cut AS (SELECT n FROM p WHERE n > 0 ORDER BY n DESC OFFSET ${sql.lit(TRIAGE_TOP_N - 1)} LIMIT 1)
    SELECT prefix, n FROM p WHERE n > 0 AND n >= coalesce((SELECT n FROM cut), 0)`.execute(db);
  return result.rows.map((row) => ({ prefix: row.prefix, n: Number(row.n) }));
}
