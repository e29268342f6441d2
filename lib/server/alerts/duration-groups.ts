/**
 * A time-to-finish rule's groups (docs/alerts.md, "Time to finish"): per domain, the p90 time to
 * finish of the tasks created in the window ending at `windowEnd`, and the p90 of those created over
 * the 24 hours before it (the baseline). Both come from the duration cells (per hour, domain, type
 * and bin: migration 0008) for the windows' whole hours, and from rows, binned the same way, for the
 * partial hours at their edges. A task of the window still in flight counts at its age so far, a
 * time to finish it has at least reached: tasks that stall would otherwise stay out of the p90 until
 * they end, the very moment the alert is needed.
 */
import 'server-only';
import { type Kysely, sql } from 'kysely';
import { DURATION_BINS, quantileFromBins } from '@/lib/duration-bins';
import { IN_FLIGHT_STATUSES } from '@/lib/task';
import { outsideCover } from '../store/cell-cover';
import type { Database } from '../store/schema';
import { type GroupCount, ruleCovers } from './group-counts';
import { type AlertRule, DEFAULT_MIN_TASKS } from './rules';

interface BinRow {
  domain: string;
  current: boolean;
  dbin: number;
  n: number | string;
}

export async function durationGroups(
  db: Kysely<Database>,
  accountId: string,
  rule: AlertRule,
  windowEnd: number,
): Promise<GroupCount[]> {
  const { windowStart, baselineStart, previous, current } = ruleCovers(rule, windowEnd);
  const cells = (cover: typeof current, isCurrent: boolean) => {
    let query = db
      .selectFrom('task_duration_cells')
      .where('account_id', '=', accountId)
      .where('hour', '>=', cover.lo)
      .where('hour', '<', cover.hi);
    if (rule.domain) query = query.where('domain', '=', rule.domain);
    if (rule.type) query = query.where('object_type', '=', rule.type);
    return query.select([
      'domain',
      (isCurrent ? sql<boolean>`true` : sql<boolean>`false`).as('current'),
      'dbin',
      'n',
    ]);
  };
  let rows = db
    .selectFrom('tasks')
    .where('account_id', '=', accountId)
    .where('created_at', '>', new Date(baselineStart))
    .where('created_at', '<=', new Date(windowEnd));
  if (rule.domain) rows = rows.where('domain', '=', rule.domain);
  if (rule.type) rows = rows.where('object_type', '=', rule.type);
  const ended = rows
    .where('finished_at', 'is not', null)
    .where(outsideCover(previous))
    .where(outsideCover(current))
    .select([
      'domain',
      sql<boolean>`created_at > ${new Date(windowStart)}`.as('current'),
      sql<number>`task_duration_bin(created_at, finished_at)`.as('dbin'),
      sql<number>`1`.as('n'),
    ]);
  const inFlight = rows
    .where('finished_at', 'is', null)
    .where('status', 'in', [...IN_FLIGHT_STATUSES])
    .where('created_at', '>', new Date(windowStart))
    .select([
      'domain',
      sql<boolean>`true`.as('current'),
      sql<number>`task_duration_bin(created_at, ${new Date(windowEnd)}::timestamptz)`.as('dbin'),
      sql<number>`1`.as('n'),
    ]);
  const bins = (await db
    .selectFrom(
      cells(previous, false).unionAll(cells(current, true)).unionAll(ended).unionAll(inFlight).as('src'),
    )
    .select(['domain', 'current', 'dbin', sql<number>`sum(n)`.as('n')])
    .groupBy(['domain', 'current', 'dbin'])
    .execute()) as BinRow[];

  const byDomain = new Map<string, { current: number[]; previous: number[] }>();
  for (const row of bins) {
    let domain = byDomain.get(row.domain);
    if (!domain) {
      domain = { current: new Array(DURATION_BINS).fill(0), previous: new Array(DURATION_BINS).fill(0) };
      byDomain.set(row.domain, domain);
    }
    const counts = row.current ? domain.current : domain.previous;
    counts[Number(row.dbin)] = (counts[Number(row.dbin)] ?? 0) + Number(row.n);
  }
  const minTasks = rule.minTasks ?? DEFAULT_MIN_TASKS;
  const p90 = (counts: number[]) =>
    counts.reduce((sum, n) => sum + n, 0) < minTasks ? 0 : (quantileFromBins(counts, 0.9) ?? 0);
  return [...byDomain].map(([domain, counts]) => ({
    key: `domain:${domain}`,
    domain,
    prefix: null,
    // Whole seconds: what the alert stores and says.
    count: Math.round(p90(counts.current)),
    baseline: Math.round(p90(counts.previous) * 10) / 10,
  }));
}
