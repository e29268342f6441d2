import 'server-only';
import { type Kysely, sql } from 'kysely';
import type { TaskQuery } from '@/lib/filters';
import type { TaskSummary } from '@/lib/summary-types';
import type { FailureReason } from '@/lib/task';
import type { ResolvedWindow } from '@/lib/time-range';
import { SummaryAggregator, type SummaryGroup } from '../summary-aggregate';
import type { Database } from './schema';
import { type TaskFilterInput, taskFilter } from './task-filter';

/**
 * The charts' aggregates over every row of a view, in one pass of the database: GROUPING SETS count
 * by status, type, reason, time bucket, progress bin, domain and path prefix at once, and the same
 * ranking code as ever (SummaryAggregator) turns the groups into the summary.
 */

const COLUMNS = ['status', 'reason', 'object_type', 'bucket', 'pbin', 'domain', 'prefix'] as const;
type Column = (typeof COLUMNS)[number];

const SETS: Record<SummaryGroup['kind'], Column[]> = {
  status: ['status'],
  type: ['object_type'],
  reason: ['reason'],
  bucketStatus: ['bucket', 'status'],
  bucketReason: ['bucket', 'reason'],
  progress: ['pbin'],
  domain: ['domain'],
  prefix: ['prefix'],
};

/** GROUPING(…) of a set: a 1 bit for every column the set does not group by, first column highest. */
function groupingMask(set: readonly Column[]): number {
  return COLUMNS.reduce(
    (mask, column, index) => (set.includes(column) ? mask : mask | (1 << (COLUMNS.length - 1 - index))),
    0,
  );
}
const KIND_BY_MASK = new Map(
  Object.entries(SETS).map(([kind, set]) => [groupingMask(set), kind as SummaryGroup['kind']]),
);

interface GroupRow {
  status: string | null;
  reason: string | null;
  object_type: string | null;
  bucket: number | null;
  pbin: number | null;
  domain: string | null;
  prefix: string | null;
  grouping: number;
  n: number | string;
  failed: number | string;
  origin_timeout: number | string;
}

export async function readSummary(
  db: Kysely<Database>,
  accountId: string,
  query: TaskFilterInput & Pick<TaskQuery, 'reason' | 'status'>,
  window: ResolvedWindow,
  meta: { partial: boolean; fetchedAt: string },
): Promise<TaskSummary> {
  const aggregator = new SummaryAggregator(window, query);
  const { firstBucketMs, bucketMs } = aggregator.buckets;
  const rows = db
    .selectFrom('tasks')
    .where(taskFilter(accountId, query, window))
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
      >`CASE WHEN status IN ('Pending', 'Refreshing') THEN least(9, floor(progress / 10))::int END`.as(
        'pbin',
      ),
    ]);
  const groups = (await db
    .selectFrom(rows.as('t'))
    .select([
      ...COLUMNS,
      sql<number>`GROUPING(${sql.join(COLUMNS.map((column) => sql.ref(column)))})`.as('grouping'),
      sql<number>`count(*)`.as('n'),
      sql<number>`count(*) FILTER (WHERE status = 'Failed')`.as('failed'),
      sql<number>`count(*) FILTER (WHERE reason = 'origin-timeout')`.as('origin_timeout'),
    ])
    .groupBy(
      sql`GROUPING SETS (${sql.join(Object.values(SETS).map((set) => sql`(${sql.join(set.map((column) => sql.ref(column)))})`))})`,
    )
    .execute()) as GroupRow[];

  for (const row of groups) {
    const group = toGroup(row);
    if (group) aggregator.addGroup(group);
  }
  return aggregator.summary(meta);
}

function toGroup(row: GroupRow): SummaryGroup | null {
  const count = Number(row.n);
  switch (KIND_BY_MASK.get(Number(row.grouping))) {
    case 'status':
      return row.status === null ? null : { kind: 'status', status: row.status, count };
    case 'type':
      return row.object_type === null ? null : { kind: 'type', type: row.object_type, count };
    case 'reason':
      return row.reason === null ? null : { kind: 'reason', reason: row.reason as FailureReason, count };
    case 'bucketStatus':
      return row.status === null || row.bucket === null
        ? null
        : { kind: 'bucketStatus', bucket: Number(row.bucket), status: row.status, count };
    case 'bucketReason':
      return row.reason === null || row.bucket === null
        ? null
        : { kind: 'bucketReason', bucket: Number(row.bucket), reason: row.reason as FailureReason, count };
    case 'progress':
      return row.pbin === null ? null : { kind: 'progress', bin: Number(row.pbin), count };
    case 'domain':
    case 'prefix': {
      const counts = { total: count, failed: Number(row.failed), originTimeout: Number(row.origin_timeout) };
      if (row.domain !== null) return { kind: 'domain', domain: row.domain, counts };
      if (row.prefix !== null) return { kind: 'prefix', prefix: row.prefix, counts };
      return null;
    }
    default:
      return null;
  }
}
