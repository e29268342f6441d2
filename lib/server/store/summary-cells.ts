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
import { rankingFocus, SUMMARY_TOP_N, type SummaryAggregator } from '../summary/summary-aggregate';
import {
  cellFilter,
  dayCover,
  HOUR_MS,
  HOURS_PER_QUARTER,
  type HourCover,
  rowHour,
  slotCover,
} from './cell-cover';
import { type EdgeSelect, edgeRanges, edgeRows, summedCover } from './cell-edges';
import { IN_FLIGHT_PROGRESS_BIN } from './in-flight-sql';
import { readPacked } from './packed-rows';
import type { Database } from './schema';
import type { TaskRowCriteria } from './task-row-condition';

const ROW_PBIN = sql.raw<number>(IN_FLIGHT_PROGRESS_BIN);

interface SlotRange {
  /** 0: all time; 1: hours; 24: days. */
  span: 0 | 1 | 24;
  lo: number;
  hi: number;
  /** Added, or taken away (the parts of all time outside the window). */
  sign: 1 | -1;
}

/** The view's rows beside its cover, each selected with the sign it counts with. */
type Edges = <O>(select: EdgeSelect<O>) => SelectQueryBuilder<Database, 'tasks', O>;

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

/** One of two grouping sets: per bucket, status and reason; or per status, reason, type and bin. */
interface TimelineRow {
  bucket: number | null;
  status: string;
  reason: string;
  object_type: string | null;
  pbin: number | null;
  n: number | string;
}

interface PrefixRow {
  domain: string;
  /** Null: the domain's sums. */
  prefix: string | null;
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
  edges: Edges,
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
    const rows = edges((range, sign) =>
      range.select([
        'domain',
        'prefix',
        sign.as('n'),
        sql<number>`CASE WHEN status = 'Failed' THEN ${sign} ELSE 0 END`.as('failed'),
        sql<number>`CASE WHEN reason = 'origin-timeout' THEN ${sign} ELSE 0 END`.as('origin_timeout'),
      ]),
    );
    const grouped = db
      .selectFrom(signed(1).unionAll(signed(-1)).unionAll(allTime).unionAll(rows).as('src'))
      .select([
        'domain',
        'prefix',
        sql<number>`sum(n)`.as('n'),
        sql<number>`sum(failed)`.as('failed'),
        sql<number>`sum(origin_timeout)`.as('origin_timeout'),
      ])
      .groupBy(['domain', 'prefix'])
      .having(sql`sum(n)`, '<>', 0);
    return topPrefixes(db, grouped, rankingFocus(query));
  });
}

const FOCUS_COLUMN = { total: 'n', failed: 'failed', originTimeout: 'origin_timeout' } as const;

/**
 * Of the counts per prefix, what the summary shows: every domain's sums (prefix null), and the
 * prefixes ranked among the top ten by the view's focus and then by rows — all prefixes tied with
 * the tenth, so the ranking's own tie-break (by name) picks from them as it would from all. A busy
 * month has thousands of prefixes; they need not leave the database.
 */
async function topPrefixes(
  db: Kysely<Database>,
  grouped: SelectQueryBuilder<Database, never, PrefixRow>,
  focus: ReturnType<typeof rankingFocus>,
): Promise<PrefixRow[]> {
  const by = sql.ref(`p.${FOCUS_COLUMN[focus]}`);
  const ranked = sql<PrefixRow>`
    WITH p AS (${grouped}),
      cut AS (
        SELECT ${by} AS f, p.n FROM p WHERE ${by} > 0
        ORDER BY 1 DESC, 2 DESC OFFSET ${sql.lit(SUMMARY_TOP_N - 1)} LIMIT 1
      )
    SELECT domain, NULL AS prefix, sum(n) AS n, sum(failed) AS failed, sum(origin_timeout) AS origin_timeout
    FROM p GROUP BY domain
    UNION ALL
    SELECT p.domain, p.prefix, p.n, p.failed, p.origin_timeout FROM p
    WHERE ${by} > 0 AND (NOT EXISTS (SELECT 1 FROM cut) OR (${by}, p.n) >= (SELECT f, n FROM cut))`;
  return readPacked(db, ranked, ['domain', 'prefix', 'n', 'failed', 'origin_timeout']);
}

interface DurationRow {
  /** The hour (or 6-hour slot's first hour) the counts were created in. */
  hour: number;
  object_type: string;
  dbin: number;
  n: number | string;
}

/**
 * Rows with a known time to finish per creation hour (or slot), type and duration bin: the duration
 * cells of the window's whole hours and its edge rows (docs/sync.md, "Time to finish"). Not grouped
 * here: the aggregator adds them up per bucket, as cheaply as the database would group them, and a
 * month's 6-hour slots are cells already.
 */
function durationGroups(
  db: Kysely<Database>,
  accountId: string,
  query: TaskRowCriteria,
  cover: HourCover,
  edges: Edges,
  bucketMs: number,
): Promise<DurationRow[]> {
  // Without a reason or domain filter the cells without those keys answer: a fraction of the rows.
  const byType = query.reason.length === 0 && query.domain.length === 0;
  const typeCells = (
    table: 'task_duration_type_cells' | 'task_duration_slot_cells',
    lo: number,
    hi: number,
  ) =>
    db
      .selectFrom(table)
      .where('account_id', '=', accountId)
      .$if(query.status.length > 0, (q) => q.where('status', 'in', query.status))
      .$if(query.type.length > 0, (q) => q.where('object_type', 'in', query.type))
      .where('hour', '>=', lo)
      .where('hour', '<', hi)
      .select(['hour', 'object_type', 'dbin', 'n']);
  // Every status at once: the slots without the status (0013), a third as many cells.
  const slotCells = (lo: number, hi: number) =>
    query.status.length > 0
      ? typeCells('task_duration_slot_cells', lo, hi)
      : db
          .selectFrom('task_duration_type_slots')
          .where('account_id', '=', accountId)
          .$if(query.type.length > 0, (q) => q.where('object_type', 'in', query.type))
          .where('hour', '>=', lo)
          .where('hour', '<', hi)
          .select(['hour', 'object_type', 'dbin', 'n']);
  // 6-hour buckets (aligned to 6-hour slots): whole slots from the slot cells, the hours beside them
  // from the hour cells.
  const slots =
    bucketMs % (6 * HOUR_MS) === 0
      ? { lo: Math.ceil(cover.lo / 6) * 6, hi: Math.floor(cover.hi / 6) * 6 }
      : { lo: 0, hi: 0 };
  const cells = byType
    ? slots.lo < slots.hi
      ? slotCells(slots.lo, slots.hi)
          .unionAll(typeCells('task_duration_type_cells', cover.lo, slots.lo))
          .unionAll(typeCells('task_duration_type_cells', slots.hi, cover.hi))
      : typeCells('task_duration_type_cells', cover.lo, cover.hi)
    : db
        .selectFrom('task_duration_cells')
        .where(cellFilter(accountId, query))
        .where('hour', '>=', cover.lo)
        .where('hour', '<', cover.hi)
        .select(['hour', 'object_type', 'dbin', 'n']);
  const rows = edges((range, sign) =>
    range
      .where('finished_at', 'is not', null)
      .select([
        rowHour.as('hour'),
        'object_type',
        sql<number>`task_duration_bin(created_at, finished_at)`.as('dbin'),
        sign.as('n'),
      ]),
  );
  const all = rows.unionAll(cells);
  return readPacked(db, all, ['hour', 'object_type', 'dbin', 'n']);
}

type TimelineCells = SelectQueryBuilder<
  Database,
  'task_cells',
  { hour: number; status: string; object_type: string; reason: string; pbin: number; n: number }
>;

/**
 * The timeline's cells for a window's whole hours: with a domain filter, task_cells; without,
 * the cells without the domain (a fraction as many) — and when the buckets are whole quarters of
 * a day (a month's 6-hour buckets), the quarters inside the hours, hour cells only beside them.
 */
function timelineCells(
  db: Kysely<Database>,
  accountId: string,
  query: TaskRowCriteria,
  cover: HourCover,
  bucketMs: number,
): TimelineCells {
  const columns = ['status', 'object_type', 'reason', 'pbin', 'n'] as const;
  if (query.domain.length > 0) {
    return db
      .selectFrom('task_cells')
      .where(cellFilter(accountId, query))
      .where('hour', '>=', cover.lo)
      .where('hour', '<', cover.hi)
      .select(['hour', ...columns]);
  }
  const hours = (ranges: HourCover[]) =>
    db
      .selectFrom('task_status_cells')
      .where(cellFilter(accountId, query))
      .where((eb) =>
        ranges.length > 0
          ? eb.or(ranges.map((range) => eb.and([eb('hour', '>=', range.lo), eb('hour', '<', range.hi)])))
          : sql<SqlBool>`false`,
      )
      .select(['hour', ...columns]) as unknown as TimelineCells;
  if (bucketMs % (HOURS_PER_QUARTER * HOUR_MS) !== 0) return hours([cover]);
  const { slots, hours: beside } = slotCover(cover, HOURS_PER_QUARTER);
  const quarters = db
    .selectFrom('task_status_quarters')
    .where(cellFilter(accountId, query))
    .where('quarter', '>=', slots.lo)
    .where('quarter', '<', slots.hi)
    .select([sql<number>`quarter * ${sql.lit(HOURS_PER_QUARTER)}`.as('hour'), ...columns]);
  return hours(beside).unionAll(quarters as unknown as TimelineCells) as unknown as TimelineCells;
}

export async function summaryFromCells(
  db: Kysely<Database>,
  accountId: string,
  query: TaskRowCriteria & Pick<DataFilters, 'reason' | 'status'>,
  window: ResolvedWindow,
  aggregator: SummaryAggregator,
  meta: { partial: boolean; fetchedAt: string },
  parts: { prefixes: boolean; durations: boolean; spikesOnly?: boolean } = {
    prefixes: true,
    durations: true,
  },
): Promise<TaskSummary> {
  const { firstBucketMs, bucketMs } = aggregator.buckets;
  // Edge hours may be taken whole and their rows outside the window subtracted (cell-edges.ts): the
  // buckets are whole hours, so a row and its hour's cell always fall in the same bucket.
  const cover = summedCover(window);
  const ranges = edgeRanges(window, cover);
  const edges: Edges = (select) => edgeRows(db, accountId, query, ranges, select);

  const cells = timelineCells(db, accountId, query, cover, bucketMs);
  const rows = edges((range, sign) =>
    range.select([
      rowHour.as('hour'),
      'status',
      'object_type',
      sql<string>`coalesce(reason, '')`.as('reason'),
      ROW_PBIN.as('pbin'),
      sign.as('n'),
    ]),
  );
  // Spikes are of failure reasons per bucket alone: the cells and rows with a reason (a few in a
  // hundred), and no other grouping.
  const bucketed = db
    .selectFrom(rows.unionAll(cells).as('src'))
    .$if(parts.spikesOnly === true, (q) => q.where('src.reason', '<>', ''))
    .select([
      sql<number>`floor((src.hour::bigint * ${HOUR_MS} - ${firstBucketMs}) / ${bucketMs})::int`.as('bucket'),
      'status',
      'object_type',
      'reason',
      'pbin',
      'n',
    ]);
  const timelineQuery = parts.spikesOnly
    ? db
        .selectFrom(bucketed.as('b'))
        .select([
          'bucket',
          'status',
          'reason',
          sql<string | null>`NULL`.as('object_type'),
          sql<number | null>`NULL`.as('pbin'),
          sql<number>`sum(n)`.as('n'),
        ])
        .groupBy(['bucket', 'status', 'reason'])
        .having(sql`sum(n)`, '<>', 0)
    : db
        .selectFrom(bucketed.as('b'))
        .select(['bucket', 'status', 'reason', 'object_type', 'pbin', sql<number>`sum(n)`.as('n')])
        // Per bucket only what the timeline and spikes need; type and progress over the whole window.
        .groupBy(sql`GROUPING SETS ((bucket, status, reason), (status, reason, object_type, pbin))`)
        // Groups whose rows were all subtracted (edge rows outside the window) are not in the view.
        .having(sql`sum(n)`, '<>', 0);

  const [timeline, prefixes, durations] = (await Promise.all([
    readPacked(db, timelineQuery, ['bucket', 'status', 'reason', 'object_type', 'pbin', 'n']),
    parts.prefixes ? prefixGroups(db, accountId, query, cover, edges) : [],
    parts.durations ? durationGroups(db, accountId, query, cover, edges, bucketMs) : [],
  ])) as [TimelineRow[], PrefixRow[], DurationRow[]];
  for (const row of durations)
    aggregator.addGroup({
      kind: 'duration',
      bucket: Math.floor((Number(row.hour) * HOUR_MS - firstBucketMs) / bucketMs),
      type: row.object_type,
      bin: Number(row.dbin),
      count: Number(row.n),
    });
  for (const row of timeline) {
    const count = Number(row.n);
    const reason = row.reason ? (row.reason as FailureReason) : null;
    // The first grouping set: a bucket is never null in a cell, so a null one marks the second.
    if (row.bucket !== null) {
      const bucket = Number(row.bucket);
      aggregator.addGroup({ kind: 'bucketStatus', bucket, status: row.status, count });
      if (reason) aggregator.addGroup({ kind: 'bucketReason', bucket, reason, count });
      continue;
    }
    aggregator.addGroup({ kind: 'status', status: row.status, count });
    aggregator.addGroup({ kind: 'type', type: row.object_type as string, count });
    if (reason) aggregator.addGroup({ kind: 'reason', reason, count });
    if (Number(row.pbin) >= 0) aggregator.addGroup({ kind: 'progress', bin: Number(row.pbin), count });
  }
  for (const row of prefixes) {
    const counts = {
      total: Number(row.n),
      failed: Number(row.failed),
      originTimeout: Number(row.origin_timeout),
    };
    if (row.prefix === null) aggregator.addGroup({ kind: 'domain', domain: row.domain, counts });
    else aggregator.addGroup({ kind: 'prefix', prefix: row.prefix, counts });
  }
  return aggregator.summary(meta);
}
