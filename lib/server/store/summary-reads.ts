/**
 * The charts' aggregates of a view. From count cells (summary-cells.ts) when the view's filters and
 * timeline buckets allow it; else over every row of the view, in one pass of the database: two
 * GROUPING SETS, one by (time bucket, status, reason, type, progress bin), one by (domain, path
 * prefix) and one by (time bucket, type, duration bin), small enough to add up here into every count the summary needs. The same ranking code
 * (SummaryAggregator) turns either's counts into the summary; the row scan is also the reference the
 * cells are tested against.
 */
import 'server-only';
import { type Kysely, sql } from 'kysely';
import type { DataFilters } from '@/lib/filters';
import type { TaskSummary } from '@/lib/summary-types';
import type { FailureReason } from '@/lib/task';
import type { ResolvedWindow } from '@/lib/time-range';
import { SummaryAggregator } from '../summary/summary-aggregate';
import { cellsAnswer, HOUR_MS } from './cell-cover';
import { inFlightCondition } from './in-flight-sql';
import type { Database } from './schema';
import { summaryFromCells } from './summary-cells';
import { type TaskRowCriteria, taskRowCondition } from './task-row-condition';

interface GroupRow {
  status: string | null;
  reason: string | null;
  object_type: string | null;
  bucket: number | null;
  pbin: number | null;
  dbin: number | null;
  domain: string | null;
  prefix: string | null;
  n: number | string;
  failed: number | string;
  origin_timeout: number | string;
}

type SummaryQuery = TaskRowCriteria & Pick<DataFilters, 'reason' | 'status'>;

/** A read of the charts' aggregates: the store, the account, the view's filters, its window and the answer's meta. */
type SummaryRead<T> = (
  db: Kysely<Database>,
  accountId: string,
  query: SummaryQuery,
  window: ResolvedWindow,
  meta: { partial: boolean; fetchedAt: string },
) => Promise<T>;

/** Cells are hours: they serve timelines whose buckets are whole hours (windows over 36 hours). */
function cellsServe(query: SummaryQuery, aggregator: SummaryAggregator): boolean {
  return cellsAnswer(query) && aggregator.buckets.bucketMs % HOUR_MS === 0;
}

export const readSummary: SummaryRead<TaskSummary> = async (db, accountId, query, window, meta) => {
  const aggregator = new SummaryAggregator(window, query);
  if (cellsServe(query, aggregator)) {
    return summaryFromCells(db, accountId, query, window, aggregator, meta);
  }
  return readSummaryFromRows(db, accountId, query, window, meta);
};

/**
 * The summary's spikes alone (what triage needs of it): from cells, only the counts per bucket and
 * failure reason they are found in; over rows, the whole summary's.
 */
export const readSpikes: SummaryRead<TaskSummary['spikes']> = async (db, accountId, query, window, meta) => {
  const aggregator = new SummaryAggregator(window, query);
  if (cellsServe(query, aggregator)) {
    return (
      await summaryFromCells(db, accountId, query, window, aggregator, meta, {
        prefixes: false,
        durations: false,
        spikesOnly: true,
      })
    ).spikes;
  }
  return (await readSummaryFromRows(db, accountId, query, window, meta)).spikes;
};

/** The summary from a scan of the view's rows. */
export const readSummaryFromRows: SummaryRead<TaskSummary> = async (db, accountId, query, window, meta) => {
  const aggregator = new SummaryAggregator(window, query);
  const { firstBucketMs, bucketMs } = aggregator.buckets;
  const rows = db
    .selectFrom('tasks')
    .where(taskRowCondition(accountId, query, window))
    .select([
      'status',
      'reason',
      'object_type',
      'domain',
      'prefix',
      sql<number>`floor((extract(epoch FROM created_at) * 1000 - ${firstBucketMs}) / ${bucketMs})::int`.as(
        'bucket',
      ),
      sql<
        number | null
      >`CASE WHEN ${sql.raw(inFlightCondition())} THEN least(9, floor(progress / 10))::int END`.as('pbin'),
      sql<
        number | null
      >`CASE WHEN finished_at IS NOT NULL THEN task_duration_bin(created_at, finished_at) END`.as('dbin'),
    ]);
  const groups = (await db
    .selectFrom(rows.as('t'))
    .select([
      'status',
      'reason',
      'object_type',
      'bucket',
      'pbin',
      'dbin',
      'domain',
      'prefix',
      sql<number>`count(*)`.as('n'),
      sql<number>`count(*) FILTER (WHERE status = 'Failed')`.as('failed'),
      sql<number>`count(*) FILTER (WHERE reason = 'origin-timeout')`.as('origin_timeout'),
    ])
    .groupBy(
      sql`GROUPING SETS ((bucket, status, reason, object_type, pbin), (domain, prefix), (bucket, object_type, dbin))`,
    )
    .execute()) as GroupRow[];

  const domains = new Map<string, { total: number; failed: number; originTimeout: number }>();
  for (const row of groups) {
    const count = Number(row.n);
    if (row.prefix !== null && row.domain !== null) {
      const counts = { total: count, failed: Number(row.failed), originTimeout: Number(row.origin_timeout) };
      aggregator.addGroup({ kind: 'prefix', prefix: row.prefix, counts });
      const domain = domains.get(row.domain) ?? { total: 0, failed: 0, originTimeout: 0 };
      domain.total += counts.total;
      domain.failed += counts.failed;
      domain.originTimeout += counts.originTimeout;
      domains.set(row.domain, domain);
      continue;
    }
    // The third grouping set: status is never null in a row, so a null one marks its groups.
    if (row.status === null && row.dbin !== null && row.object_type !== null && row.bucket !== null) {
      const bin = Number(row.dbin);
      aggregator.addGroup({
        kind: 'duration',
        bucket: Number(row.bucket),
        type: row.object_type,
        bin,
        count,
      });
      continue;
    }
    if (row.status === null || row.object_type === null || row.bucket === null) continue;
    const bucket = Number(row.bucket);
    aggregator.addGroup({ kind: 'status', status: row.status, count });
    aggregator.addGroup({ kind: 'type', type: row.object_type, count });
    aggregator.addGroup({ kind: 'bucketStatus', bucket, status: row.status, count });
    if (row.reason !== null) {
      const reason = row.reason as FailureReason;
      aggregator.addGroup({ kind: 'reason', reason, count });
      aggregator.addGroup({ kind: 'bucketReason', bucket, reason, count });
    }
    if (row.pbin !== null) aggregator.addGroup({ kind: 'progress', bin: Number(row.pbin), count });
  }
  for (const [domain, counts] of domains) aggregator.addGroup({ kind: 'domain', domain, counts });
  return aggregator.summary(meta);
};
