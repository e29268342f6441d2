/**
 * Triage's counts from count cells (docs/sync.md, "Count cells"): the domain totals from task_cells,
 * the Origin Timeout groups (with their first and last creation time) from task_failure_cells, the
 * times to finish per domain from task_duration_cells (0008), each
 * for the whole hours of the window, plus the window's rows in the partial hours at its edges.
 */
import 'server-only';
import { type Kysely, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { ResolvedWindow } from '@/lib/time-range';
import { TRIAGE_TOP_N, type TriageCounts } from '../summary/triage-aggregate';
import { cellFilter, HOUR_MS, hourCover, outsideCover, rowHour, slotCover } from './cell-cover';
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
  const cover = hourCover(window);
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
  const totalRows = db
    .selectFrom('tasks')
    .where(taskRowCondition(accountId, everything, window))
    .where(outsideCover(cover))
    .select(['domain', sql<number>`1`.as('n')]);
  const totals = db
    .selectFrom(totalCells.unionAll(totalRows).as('src'))
    .select(['domain', sql<number>`sum(n)`.as('n')])
    .groupBy('domain');

  let timeoutCells = db
    .selectFrom('task_failure_cells')
    .where('account_id', '=', accountId)
    .where('reason', '=', ORIGIN_TIMEOUT)
    .where('hour', '>=', cover.lo)
    .where('hour', '<', cover.hi);
  if (query.type.length > 0) timeoutCells = timeoutCells.where('object_type', 'in', query.type);
  if (query.domain.length > 0) timeoutCells = timeoutCells.where('domain', 'in', query.domain);
  const timeoutRows = db
    .selectFrom('tasks')
    .where(taskRowCondition(accountId, { ...query, status: [], reason: [ORIGIN_TIMEOUT] }, window))
    .where(outsideCover(cover))
    .select([
      rowHour.as('hour'),
      'domain',
      'prefix',
      sql<number>`1`.as('n'),
      'created_at as first_at',
      'created_at as last_at',
    ]);
  const timeouts = db
    .selectFrom(
      timeoutCells
        .select(['hour', 'domain', 'prefix', 'n', 'first_at', 'last_at'])
        .unionAll(timeoutRows)
        .as('src'),
    )
    .select([
      'domain',
      'prefix',
      sql<number>`floor((src.hour::bigint * ${HOUR_MS} - ${counts.firstBucketMs}) / ${counts.bucketMs})::int`.as(
        'bucket',
      ),
      sql<number>`sum(n)`.as('n'),
      sql<Date>`min(first_at)`.as('first'),
      sql<Date>`max(last_at)`.as('last'),
    ])
    .groupBy(['domain', 'prefix', 'bucket']);
  const durationCells = db
    .selectFrom('task_duration_cells')
    .where(cellFilter(accountId, query))
    .where('hour', '>=', cover.lo)
    .where('hour', '<', cover.hi)
    .select(['domain', 'dbin', 'n']);
  const durationRows = db
    .selectFrom('tasks')
    .where(taskRowCondition(accountId, query, window))
    .where(outsideCover(cover))
    .where('finished_at', 'is not', null)
    .select([
      'domain',
      sql<number>`task_duration_bin(created_at, finished_at)`.as('dbin'),
      sql<number>`1`.as('n'),
    ]);
  const durations = db
    .selectFrom(durationCells.unionAll(durationRows).as('src'))
    .select(['domain', 'dbin', sql<number>`sum(n)`.as('n')])
    .groupBy(['domain', 'dbin']);
  const [totalRowsOut, groups, durationsOut] = await Promise.all([
    totals.execute(),
    topGroups(db, timeouts),
    durations.execute(),
  ]);
  return { totals: totalRowsOut, groups, durations: durationsOut };
}

/**
 * Of the Origin Timeout groups (per domain, prefix and bucket), what the report can show: every
 * domain's buckets, and the buckets of the prefixes ranked among the top ten by count — all prefixes
 * tied with the tenth, so the report's own tie-break (by name) picks from them as it would from all.
 * A busy month has thousands of prefixes with a timeout or two; they need not leave the database.
 */
async function topGroups(
  db: Kysely<Database>,
  grouped: SelectQueryBuilder<
    Database,
    never,
    { domain: string; prefix: string; bucket: number; n: number; first: Date; last: Date }
  >,
): Promise<TriageGroupRows['groups']> {
  const result = await sql<TriageGroupRows['groups'][number]>`
    WITH g AS (${grouped}),
      ranked AS (SELECT prefix, sum(n) AS n FROM g GROUP BY prefix),
      cut AS (SELECT n FROM ranked ORDER BY n DESC OFFSET ${sql.lit(TRIAGE_TOP_N - 1)} LIMIT 1)
    SELECT 'domain' AS grouping, domain, min(prefix) AS prefix, bucket, sum(n) AS n,
      min(first) AS first, max(last) AS last
    FROM g GROUP BY domain, bucket
    UNION ALL
    SELECT 'prefix', g.domain, g.prefix, g.bucket, g.n, g.first, g.last
    FROM g JOIN ranked USING (prefix)
    WHERE ranked.n >= coalesce((SELECT n FROM cut), 0)`.execute(db);
  return result.rows;
}
