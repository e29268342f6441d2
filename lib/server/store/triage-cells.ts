/**
 * Triage's counts from count cells (docs/sync.md, "Count cells"): the domain totals from task_cells,
 * the Origin Timeout groups (with their first and last creation time) from task_failure_cells, the
 * times to finish per domain from task_duration_cells (0008), each
 * for the whole hours of the window, plus the window's rows in the partial hours at its edges.
 */
import 'server-only';
import { type Kysely, sql } from 'kysely';
import type { ResolvedWindow } from '@/lib/time-range';
import type { TriageCounts } from '../summary/triage-aggregate';
import { cellFilter, HOUR_MS, hourCover, outsideCover, rowHour } from './cell-cover';
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
  const totalCells = db
    .selectFrom('task_cells')
    .where(cellFilter(accountId, everything))
    .where('hour', '>=', cover.lo)
    .where('hour', '<', cover.hi)
    .select(['domain', 'n']);
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
    timeouts.execute(),
    durations.execute(),
  ]);
  return { totals: totalRowsOut, groups, durations: durationsOut };
}
