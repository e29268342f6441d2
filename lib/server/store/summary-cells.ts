/**
 * The charts' aggregates of a view from count cells (docs/sync.md, "Count cells"): hour cells
 * (task_status_cells, or task_cells when the view filters by domain) for the whole hours of the
 * window and its rows for the partial hours at its edges, grouped together; the prefix and domain
 * rankings from prefix cells (days and hours, or all time less what lies outside) and the same edge
 * rows. Only for views whose filters cells are keyed by and whose timeline buckets are whole hours
 * (readSummary decides).
 */
import 'server-only';
import { type Kysely, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { DataFilters } from '@/lib/filters';
import type { TaskSummary } from '@/lib/summary-types';
import type { FailureReason } from '@/lib/task';
import type { ResolvedWindow } from '@/lib/time-range';
import type { SummaryAggregator } from '../summary/summary-aggregate';
import {
  cellFilter,
  dayCover,
  HOUR_MS,
  type HourCover,
  hourCover,
  outsideCover,
  rowHour,
} from './cell-cover';
import { IN_FLIGHT_PROGRESS_BIN } from './in-flight-sql';
import type { Database } from './schema';
import { type TaskRowCriteria, taskRowCondition } from './task-row-condition';

const ROW_PBIN = sql.raw<number>(IN_FLIGHT_PROGRESS_BIN);

interface SlotRange {
  /** 0: all time; 1: hours; 24: days. */
  span: 0 | 1 | 24;
  lo: number;
  hi: number;
  /** Added, or taken away (the parts of all time outside the window). */
  sign: 1 | -1;
}

/** Past any day a store holds (days since the epoch). */
const LAST_DAY = 2_000_000_000;

/**
 * The prefix cells that add up to a window's whole hours: its whole days and the hours beside them;
 * or, when fewer days of the history lie outside the window than inside, all time less the days and
 * hours outside it.
 */
async function prefixRanges(db: Kysely<Database>, accountId: string, cover: HourCover): Promise<SlotRange[]> {
  if (cover.lo >= cover.hi) return [];
  const { days, hours } = dayCover(cover);
  const inside: SlotRange[] = [
    ...(days.lo < days.hi ? [{ span: 24 as const, ...days, sign: 1 as const }] : []),
    ...hours.map((range) => ({ span: 1 as const, ...range, sign: 1 as const })),
  ];
  const held = await db
    .selectFrom('task_prefix_cells')
    .select([sql<number | null>`min(slot)`.as('first'), sql<number | null>`max(slot)`.as('last')])
    .where('account_id', '=', accountId)
    .where('span', '=', 24)
    .executeTakeFirst();
  if (held?.first == null || held.last == null) return inside;
  const firstWholeDay = Math.ceil(cover.lo / 24);
  const afterWholeDays = Math.floor(cover.hi / 24);
  const daysBefore = Math.max(0, Math.floor(cover.lo / 24) - held.first);
  const daysAfter = Math.max(0, held.last + 1 - Math.ceil(cover.hi / 24));
  if (daysBefore + daysAfter >= Math.max(0, afterWholeDays - firstWholeDay)) return inside;
  const before = Math.floor(cover.lo / 24);
  const after = Math.ceil(cover.hi / 24);
  return [
    { span: 0, lo: 0, hi: 1, sign: 1 },
    { span: 24, lo: -LAST_DAY, hi: before, sign: -1 },
    { span: 1, lo: before * 24, hi: cover.lo, sign: -1 },
    { span: 1, lo: cover.hi, hi: after * 24, sign: -1 },
    { span: 24, lo: after, hi: LAST_DAY, sign: -1 },
  ].filter((range) => range.lo < range.hi) as SlotRange[];
}

interface TimelineRow {
  bucket: number;
  status: string;
  reason: string;
  object_type: string;
  pbin: number;
  n: number | string;
}

interface PrefixRow {
  domain: string;
  prefix: string;
  n: number | string;
  failed: number | string;
  origin_timeout: number | string;
}

/**
 * Rows, failed rows and Origin Timeouts per domain and path prefix over the window: prefix cells of
 * its ranges (signed), plus its edge rows. Without a status, type or reason filter the all-time part
 * comes from task_prefix_totals, one row per prefix.
 */
function prefixGroups(
  db: Kysely<Database>,
  accountId: string,
  query: TaskRowCriteria,
  cover: HourCover,
  edgeRows: () => SelectQueryBuilder<Database, 'tasks', object>,
): Promise<PrefixRow[]> {
  return prefixRanges(db, accountId, cover).then((ranges) => {
    const totals = !query.status.length && !query.type.length && !query.reason.length;
    const signed = (sign: 1 | -1) =>
      db
        .selectFrom('task_prefix_cells')
        .where(cellFilter(accountId, query))
        .where((eb) => {
          const matching = ranges
            .filter((range) => range.sign === sign && !(totals && range.span === 0))
            .map((range) =>
              eb.and([eb('span', '=', range.span), eb('slot', '>=', range.lo), eb('slot', '<', range.hi)]),
            );
          return matching.length > 0 ? eb.or(matching) : sql<SqlBool>`false`;
        })
        .select([
          'domain',
          'prefix',
          sql<number>`${sql.lit(sign)} * n`.as('n'),
          sql<number>`CASE WHEN status = 'Failed' THEN ${sql.lit(sign)} * n ELSE 0 END`.as('failed'),
          sql<number>`CASE WHEN reason = 'origin-timeout' THEN ${sql.lit(sign)} * n ELSE 0 END`.as(
            'origin_timeout',
          ),
        ]);
    let allTime = db
      .selectFrom('task_prefix_totals')
      .where('account_id', '=', accountId)
      .where(sql<SqlBool>`${sql.lit(totals && ranges.some((range) => range.span === 0))}`)
      .select(['domain', 'prefix', 'n', 'failed', 'origin_timeout']);
    if (query.domain.length > 0) allTime = allTime.where('domain', 'in', query.domain);
    const rows = edgeRows().select([
      'domain',
      'prefix',
      sql<number>`1`.as('n'),
      sql<number>`CASE WHEN status = 'Failed' THEN 1 ELSE 0 END`.as('failed'),
      sql<number>`CASE WHEN reason = 'origin-timeout' THEN 1 ELSE 0 END`.as('origin_timeout'),
    ]);
    return db
      .selectFrom(signed(1).unionAll(signed(-1)).unionAll(allTime).unionAll(rows).as('src'))
      .select([
        'domain',
        'prefix',
        sql<number>`sum(n)`.as('n'),
        sql<number>`sum(failed)`.as('failed'),
        sql<number>`sum(origin_timeout)`.as('origin_timeout'),
      ])
      .groupBy(['domain', 'prefix'])
      .having(sql`sum(n)`, '<>', 0)
      .execute() as Promise<PrefixRow[]>;
  });
}

interface DurationRow {
  bucket: number;
  object_type: string;
  dbin: number;
  n: number | string;
}

/**
 * Rows with a known time to finish per timeline bucket, type and duration bin: the duration cells of
 * the window's whole hours and its edge rows (docs/sync.md, "Time to finish").
 */
function durationGroups(
  db: Kysely<Database>,
  accountId: string,
  query: TaskRowCriteria,
  cover: HourCover,
  edgeRows: () => SelectQueryBuilder<Database, 'tasks', object>,
  buckets: { firstBucketMs: number; bucketMs: number },
): Promise<DurationRow[]> {
  const cells = db
    .selectFrom('task_duration_cells')
    .where(cellFilter(accountId, query))
    .where('hour', '>=', cover.lo)
    .where('hour', '<', cover.hi)
    .select(['hour', 'object_type', 'dbin', 'n']);
  const rows = edgeRows()
    .where('finished_at', 'is not', null)
    .select([
      rowHour.as('hour'),
      'object_type',
      sql<number>`task_duration_bin(created_at, finished_at)`.as('dbin'),
      sql<number>`1`.as('n'),
    ]);
  return db
    .selectFrom(cells.unionAll(rows).as('src'))
    .select([
      sql<number>`floor((src.hour::bigint * ${HOUR_MS} - ${buckets.firstBucketMs}) / ${buckets.bucketMs})::int`.as(
        'bucket',
      ),
      'object_type',
      'dbin',
      sql<number>`sum(n)`.as('n'),
    ])
    .groupBy(['bucket', 'object_type', 'dbin'])
    .execute() as Promise<DurationRow[]>;
}

export async function summaryFromCells(
  db: Kysely<Database>,
  accountId: string,
  query: TaskRowCriteria & Pick<DataFilters, 'reason' | 'status'>,
  window: ResolvedWindow,
  aggregator: SummaryAggregator,
  meta: { partial: boolean; fetchedAt: string },
  parts: { prefixes: boolean; durations: boolean } = { prefixes: true, durations: true },
): Promise<TaskSummary> {
  const { firstBucketMs, bucketMs } = aggregator.buckets;
  const cover = hourCover(window);
  const edgeRows = () =>
    db
      .selectFrom('tasks')
      .where(taskRowCondition(accountId, query, window))
      .where(outsideCover(cover));

  // Without a domain filter, the cells without the domain: a fraction as many.
  const withDomain = db
    .selectFrom('task_cells')
    .where(cellFilter(accountId, query))
    .where('hour', '>=', cover.lo)
    .where('hour', '<', cover.hi)
    .select(['hour', 'status', 'object_type', 'reason', 'pbin', 'n']);
  const cells =
    query.domain.length > 0
      ? withDomain
      : (db
          .selectFrom('task_status_cells')
          .where(cellFilter(accountId, query))
          .where('hour', '>=', cover.lo)
          .where('hour', '<', cover.hi)
          .select(['hour', 'status', 'object_type', 'reason', 'pbin', 'n']) as unknown as typeof withDomain);
  const rows = edgeRows().select([
    rowHour.as('hour'),
    'status',
    'object_type',
    sql<string>`coalesce(reason, '')`.as('reason'),
    ROW_PBIN.as('pbin'),
    sql<number>`1`.as('n'),
  ]);
  const bucketed = db
    .selectFrom(cells.unionAll(rows).as('src'))
    .select([
      sql<number>`floor((src.hour::bigint * ${HOUR_MS} - ${firstBucketMs}) / ${bucketMs})::int`.as('bucket'),
      'status',
      'object_type',
      'reason',
      'pbin',
      'n',
    ]);
  const timelineQuery = db
    .selectFrom(bucketed.as('b'))
    .select(['bucket', 'status', 'reason', 'object_type', 'pbin', sql<number>`sum(n)`.as('n')])
    .groupBy(['bucket', 'status', 'reason', 'object_type', 'pbin']);

  const [timeline, prefixes, durations] = (await Promise.all([
    timelineQuery.execute(),
    parts.prefixes ? prefixGroups(db, accountId, query, cover, edgeRows) : [],
    parts.durations ? durationGroups(db, accountId, query, cover, edgeRows, aggregator.buckets) : [],
  ])) as [TimelineRow[], PrefixRow[], DurationRow[]];
  for (const row of durations)
    aggregator.addGroup({
      kind: 'duration',
      bucket: Number(row.bucket),
      type: row.object_type,
      bin: Number(row.dbin),
      count: Number(row.n),
    });
  for (const row of timeline) {
    const count = Number(row.n);
    const bucket = Number(row.bucket);
    aggregator.addGroup({ kind: 'status', status: row.status, count });
    aggregator.addGroup({ kind: 'type', type: row.object_type, count });
    aggregator.addGroup({ kind: 'bucketStatus', bucket, status: row.status, count });
    if (row.reason) {
      const reason = row.reason as FailureReason;
      aggregator.addGroup({ kind: 'reason', reason, count });
      aggregator.addGroup({ kind: 'bucketReason', bucket, reason, count });
    }
    if (Number(row.pbin) >= 0) aggregator.addGroup({ kind: 'progress', bin: Number(row.pbin), count });
  }
  const domains = new Map<string, { total: number; failed: number; originTimeout: number }>();
  for (const row of prefixes) {
    const counts = {
      total: Number(row.n),
      failed: Number(row.failed),
      originTimeout: Number(row.origin_timeout),
    };
    aggregator.addGroup({ kind: 'prefix', prefix: row.prefix, counts });
    const domain = domains.get(row.domain) ?? { total: 0, failed: 0, originTimeout: 0 };
    domain.total += counts.total;
    domain.failed += counts.failed;
    domain.originTimeout += counts.originTimeout;
    domains.set(row.domain, domain);
  }
  for (const [domain, counts] of domains) aggregator.addGroup({ kind: 'domain', domain, counts });
  return aggregator.summary(meta);
}
