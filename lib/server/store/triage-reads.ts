import 'server-only';
import { type Kysely, sql } from 'kysely';
import type { TaskSummary } from '@/lib/summary-types';
import type { ResolvedWindow } from '@/lib/time-range';
import { isoSeconds } from '@/lib/time-range';
import type { TriageReport } from '@/lib/triage-types';
import { TriageCounts } from '../summary/triage-aggregate';
import { cellsAnswer, HOUR_MS } from './cell-cover';
import type { Database } from './schema';
import { type TaskRowCriteria, taskRowCondition } from './task-row-condition';
import { triageGroupsFromCells } from './triage-cells';

export interface TriageGroupRows {
  totals: Array<{ domain: string; n: number | string }>;
  groups: Array<{
    /** Which ranking the group counts in; both when absent. */
    grouping?: 'domain' | 'prefix';
    domain: string;
    prefix: string;
    bucket: number | string;
    n: number | string;
    first: Date | string;
    last: Date | string;
  }>;
  /** Tasks with a known time to finish per domain and duration bin. */
  durations: Array<{ domain: string; dbin: number | string; n: number | string }>;
}

/**
 * The triage report from the store: every task of the view counted per domain (for shares), and the
 * Origin Timeout failures grouped per domain and per path prefix and time bucket, and the times to
 * finish per domain (duration bins), in three queries —
 * over count cells (triage-cells.ts) when the view's filters and buckets allow, else over its rows.
 */
export async function readTriage(
  db: Kysely<Database>,
  accountId: string,
  query: TaskRowCriteria,
  window: ResolvedWindow,
  spikes: TaskSummary['spikes'],
  meta: { partial: boolean; fetchedAt: string },
  source: 'cells' | 'rows' = 'cells',
): Promise<TriageReport> {
  const counts = new TriageCounts(window);
  const { totals, groups, durations } =
    source === 'cells' && cellsAnswer(query) && counts.bucketMs % HOUR_MS === 0
      ? await triageGroupsFromCells(db, accountId, query, window, counts)
      : await triageGroupsFromRows(db, accountId, query, window, counts);
  for (const row of totals) counts.addDomainTotal(row.domain, Number(row.n));
  for (const row of durations) counts.addDuration(row.domain, Number(row.dbin), Number(row.n));
  for (const row of groups) {
    for (const grouping of row.grouping ? [row.grouping] : (['domain', 'prefix'] as const)) {
      counts.addGroup({
        grouping,
        domain: row.domain,
        prefix: row.prefix,
        bucket: Number(row.bucket),
        count: Number(row.n),
        first: isoSeconds(new Date(row.first).getTime()),
        last: isoSeconds(new Date(row.last).getTime()),
      });
    }
  }
  return counts.report(spikes, meta);
}

async function triageGroupsFromRows(
  db: Kysely<Database>,
  accountId: string,
  query: TaskRowCriteria,
  window: ResolvedWindow,
  counts: TriageCounts,
): Promise<TriageGroupRows> {
  // Shares are of all of a domain's tasks, whatever status or reason the view is about.
  const everything = taskRowCondition(accountId, { ...query, status: [], reason: [] }, window);
  const timeouts = taskRowCondition(accountId, { ...query, status: [], reason: ['origin-timeout'] }, window);
  const [totals, groups, durations] = await Promise.all([
    db
      .selectFrom('tasks')
      .where(everything)
      .select(['domain', sql<number>`count(*)`.as('n')])
      .groupBy('domain')
      .execute(),
    db
      .selectFrom('tasks')
      .where(timeouts)
      .select([
        'domain',
        'prefix',
        sql<number>`floor((extract(epoch FROM created_at) * 1000 - ${counts.firstBucketMs}) / ${counts.bucketMs})::int`.as(
          'bucket',
        ),
        sql<number>`count(*)`.as('n'),
        sql<Date>`min(created_at)`.as('first'),
        sql<Date>`max(created_at)`.as('last'),
      ])
      .groupBy(['domain', 'prefix', 'bucket'])
      .execute(),
    db
      .selectFrom('tasks')
      .where(taskRowCondition(accountId, query, window))
      .where('finished_at', 'is not', null)
      .select([
        'domain',
        sql<number>`task_duration_bin(created_at, finished_at)`.as('dbin'),
        sql<number>`count(*)`.as('n'),
      ])
      .groupBy(['domain', 'dbin'])
      .execute(),
  ]);
  return { totals, groups, durations };
}
