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
import { cellFilter, dayCover, HOUR_MS, hourCover, outsideCover, rowHour } from './cell-cover';
import type { Database } from './schema';
import { type TaskFilterInput, taskFilter } from './task-filter';

const ROW_PBIN = sql<number>`CASE WHEN status IN ('Pending', 'Refreshing') THEN least(9, floor(progress / 10))::int ELSE -1 END`;

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

  const { days, hours } = dayCover(cover);
  const prefixCells = db
    .selectFrom('task_prefix_cells')
    .where(cellFilter(accountId, query))
    .where((eb) => {
      const ranges = [
        ...(days.lo < days.hi
          ? [eb.and([eb('span', '=', 24), eb('slot', '>=', days.lo), eb('slot', '<', days.hi)])]
          : []),
        ...hours.map((range) =>
          eb.and([eb('span', '=', 1), eb('slot', '>=', range.lo), eb('slot', '<', range.hi)]),
        ),
      ];
      return ranges.length > 0 ? eb.or(ranges) : sql<SqlBool>`false`;
    })
    .select(['domain', 'prefix', 'status', 'reason', 'n']);
  const prefixRows = edgeRows().select([
    'domain',
    'prefix',
    'status',
    sql<string>`coalesce(reason, '')`.as('reason'),
    sql<number>`1`.as('n'),
  ]);
  const prefixQuery = db
    .selectFrom(prefixCells.unionAll(prefixRows).as('src'))
    .select([
      'domain',
      'prefix',
      sql<number>`sum(n)`.as('n'),
      sql<number>`coalesce(sum(n) FILTER (WHERE status = 'Failed'), 0)`.as('failed'),
      sql<number>`coalesce(sum(n) FILTER (WHERE reason = 'origin-timeout'), 0)`.as('origin_timeout'),
    ])
    .groupBy(['domain', 'prefix']);

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
