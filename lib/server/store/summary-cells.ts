/**
 * The charts' aggregates of a view from count cells (docs/sync.md, "Count cells"): task_cells for
 * the whole hours of the window and its rows for the partial hours at its edges, grouped together;
 * the prefix ranking likewise from day cells, hour cells and edge rows. Only for views whose filters
 * cells are keyed by and whose timeline buckets are whole hours (readSummary decides).
 */
import 'server-only';
import { type Kysely, type SqlBool, sql } from 'kysely';
import type { TaskQuery } from '@/lib/filters';
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
import type { Database } from './schema';
import { type TaskFilterInput, taskFilter } from './task-filter';

const ROW_PBIN = sql<number>`CASE WHEN status IN ('Pending', 'Refreshing') THEN least(9, floor(progress / 10))::int ELSE -1 END`;

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
  bucket: number | null;
  status: string | null;
  reason: string | null;
  object_type: string | null;
  pbin: number | null;
  domain: string | null;
  n: number | string;
  failed: number | string;
  origin_timeout: number | string;
}

interface PrefixRow {
  domain: string;
  prefix: string;
  n: number | string;
  failed: number | string;
  origin_timeout: number | string;
}

export async function summaryFromCells(
  db: Kysely<Database>,
  accountId: string,
  query: TaskFilterInput & Pick<TaskQuery, 'reason' | 'status'>,
  window: ResolvedWindow,
  aggregator: SummaryAggregator,
  meta: { partial: boolean; fetchedAt: string },
): Promise<TaskSummary> {
  const { firstBucketMs, bucketMs } = aggregator.buckets;
  const cover = hourCover(window);
  const edgeRows = () =>
    db
      .selectFrom('tasks')
      .where(taskFilter(accountId, query, window))
      .where(outsideCover(cover));

  const cells = db
    .selectFrom('task_cells')
    .where(cellFilter(accountId, query))
    .where('hour', '>=', cover.lo)
    .where('hour', '<', cover.hi)
    .select(['hour', 'status', 'object_type', 'reason', 'domain', 'pbin', 'n']);
  const rows = edgeRows().select([
    rowHour.as('hour'),
    'status',
    'object_type',
    sql<string>`coalesce(reason, '')`.as('reason'),
    'domain',
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
      'domain',
      'pbin',
      'n',
    ]);
  const timelineQuery = db
    .selectFrom(bucketed.as('b'))
    .select([
      'bucket',
      'status',
      'reason',
      'object_type',
      'pbin',
      'domain',
      sql<number>`sum(n)`.as('n'),
      sql<number>`coalesce(sum(n) FILTER (WHERE status = 'Failed'), 0)`.as('failed'),
      sql<number>`coalesce(sum(n) FILTER (WHERE reason = 'origin-timeout'), 0)`.as('origin_timeout'),
    ])
    .groupBy(sql`GROUPING SETS ((bucket, status, reason, object_type, pbin), (domain))`);

  const ranges = await prefixRanges(db, accountId, cover);
  const prefixCells = (sign: 1 | -1) =>
    db
      .selectFrom('task_prefix_cells')
      .where(cellFilter(accountId, query))
      .where((eb) => {
        const matching = ranges
          .filter((range) => range.sign === sign)
          .map((range) =>
            eb.and([eb('span', '=', range.span), eb('slot', '>=', range.lo), eb('slot', '<', range.hi)]),
          );
        return matching.length > 0 ? eb.or(matching) : sql<SqlBool>`false`;
      })
      .select([
        'domain',
        'prefix',
        'status',
        'reason',
        (sign === 1 ? sql<number>`n` : sql<number>`-n`).as('n'),
      ]);
  const prefixRows = edgeRows().select([
    'domain',
    'prefix',
    'status',
    sql<string>`coalesce(reason, '')`.as('reason'),
    sql<number>`1`.as('n'),
  ]);
  const prefixQuery = db
    .selectFrom(prefixCells(1).unionAll(prefixCells(-1)).unionAll(prefixRows).as('src'))
    .select([
      'domain',
      'prefix',
      sql<number>`sum(n)`.as('n'),
      sql<number>`coalesce(sum(n) FILTER (WHERE status = 'Failed'), 0)`.as('failed'),
      sql<number>`coalesce(sum(n) FILTER (WHERE reason = 'origin-timeout'), 0)`.as('origin_timeout'),
    ])
    .groupBy(['domain', 'prefix'])
    .having(sql`sum(n)`, '<>', 0);

  const [timeline, prefixes] = (await Promise.all([timelineQuery.execute(), prefixQuery.execute()])) as [
    TimelineRow[],
    PrefixRow[],
  ];
  for (const row of timeline) {
    const count = Number(row.n);
    if (row.domain !== null) {
      const counts = { total: count, failed: Number(row.failed), originTimeout: Number(row.origin_timeout) };
      aggregator.addGroup({ kind: 'domain', domain: row.domain, counts });
      continue;
    }
    if (row.status === null || row.object_type === null || row.bucket === null) continue;
    const bucket = Number(row.bucket);
    aggregator.addGroup({ kind: 'status', status: row.status, count });
    aggregator.addGroup({ kind: 'type', type: row.object_type, count });
    aggregator.addGroup({ kind: 'bucketStatus', bucket, status: row.status, count });
    if (row.reason) {
      const reason = row.reason as FailureReason;
      aggregator.addGroup({ kind: 'reason', reason, count });
      aggregator.addGroup({ kind: 'bucketReason', bucket, reason, count });
    }
    if (row.pbin !== null && Number(row.pbin) >= 0)
      aggregator.addGroup({ kind: 'progress', bin: Number(row.pbin), count });
  }
  for (const row of prefixes) {
    const counts = {
      total: Number(row.n),
      failed: Number(row.failed),
      originTimeout: Number(row.origin_timeout),
    };
    aggregator.addGroup({ kind: 'prefix', prefix: row.prefix, counts });
  }
  return aggregator.summary(meta);
}
