import 'server-only';
import { type Kysely, sql } from 'kysely';
import { hourCover, outsideCover } from '../store/cell-cover';
import type { Database } from '../store/schema';
import type { AlertRule } from './rules';

/**
 * One rule's failures counted per group — per domain and per path prefix of a domain, in one pass
 * (two grouping sets) — in the window ending at `windowEnd` and over the 24 hours before it (the
 * baseline). Rows count by their creation time, as every view of the dashboard does. A rule over
 * a whole domain (or all domains) is counted from failure cells for the whole hours of both windows
 * and rows for the rest (docs/sync.md, "Count cells"); a rule on a path prefix reads its rows (a
 * rule's prefix may be deeper than the two directories the cells keep).
 */
export const BASELINE_SPAN_MS = 24 * 3_600_000;

/**
 * A rule's window ending at `windowEnd` and the 24-hour baseline before it, with the whole hours of
 * each that cells answer (the rest is read from rows).
 */
export function ruleCovers(rule: Pick<AlertRule, 'windowMs'>, windowEnd: number) {
  const windowStart = windowEnd - rule.windowMs;
  const baselineStart = windowStart - BASELINE_SPAN_MS;
  return {
    windowStart,
    baselineStart,
    previous: hourCover({ startMs: baselineStart, startExclusive: true, endMs: windowStart }),
    current: hourCover({ startMs: windowStart, startExclusive: true, endMs: windowEnd }),
  };
}

export interface GroupCount {
  /** `domain:<domain>` or `prefix:<domain>/<path prefix>`. */
  key: string;
  domain: string;
  /** `/products/2026/` (as triage groups paths: up to two directories), null for the whole domain. */
  prefix: string | null;
  count: number;
  /** The group's average per window over the 24 hours before this window. */
  baseline: number;
}

export async function countGroups(
  db: Kysely<Database>,
  accountId: string,
  rule: AlertRule,
  windowEnd: number,
  source: 'cells' | 'rows' = 'cells',
): Promise<GroupCount[]> {
  const rows =
    source === 'cells' && !rule.prefix
      ? await countFromCells(db, accountId, rule, windowEnd)
      : await countFromRows(db, accountId, rule, windowEnd);
  const windowsInBaseline = BASELINE_SPAN_MS / rule.windowMs;
  return rows.map((row) => {
    // The store keeps `domain/dir/dir/`; the alert speaks of the path part, `/dir/dir/`.
    const path = row.prefix === null ? null : row.prefix.slice(row.domain.length) || '/';
    return {
      key: path === null ? `domain:${row.domain}` : `prefix:${row.domain}${path}`,
      domain: row.domain,
      prefix: path,
      count: Number(row.current),
      baseline: Number(row.previous) / windowsInBaseline,
    };
  });
}

interface CountedGroup {
  domain: string;
  prefix: string | null;
  current: number | string;
  previous: number | string;
}

async function countFromCells(
  db: Kysely<Database>,
  accountId: string,
  rule: AlertRule,
  windowEnd: number,
): Promise<CountedGroup[]> {
  const { windowStart, baselineStart, previous, current } = ruleCovers(rule, windowEnd);
  const cells = (cover: typeof current, isCurrent: boolean) => {
    let query = db
      .selectFrom('task_failure_cells')
      .where('account_id', '=', accountId)
      .where('reason', '=', rule.reason)
      .where('hour', '>=', cover.lo)
      .where('hour', '<', cover.hi);
    if (rule.domain) query = query.where('domain', '=', rule.domain);
    return query.select([
      'domain',
      'prefix',
      'n',
      (isCurrent ? sql<boolean>`true` : sql<boolean>`false`).as('current'),
    ]);
  };
  let rows = db
    .selectFrom('tasks')
    .where('account_id', '=', accountId)
    .where('reason', '=', rule.reason)
    .where('created_at', '>', new Date(baselineStart))
    .where('created_at', '<=', new Date(windowEnd))
    .where(outsideCover(previous))
    .where(outsideCover(current));
  if (rule.domain) rows = rows.where('domain', '=', rule.domain);
  const src = cells(previous, false)
    .unionAll(cells(current, true))
    .unionAll(
      rows.select([
        'domain',
        'prefix',
        sql<number>`1`.as('n'),
        sql<boolean>`created_at > ${new Date(windowStart)}`.as('current'),
      ]),
    );
  return db
    .selectFrom(src.as('src'))
    .select([
      'domain',
      sql<string | null>`CASE WHEN GROUPING(prefix) = 1 THEN NULL ELSE prefix END`.as('prefix'),
      sql<number>`coalesce(sum(n) FILTER (WHERE current), 0)`.as('current'),
      sql<number>`coalesce(sum(n) FILTER (WHERE NOT current), 0)`.as('previous'),
    ])
    .groupBy(sql`GROUPING SETS ((domain), (domain, prefix))`)
    .execute();
}

async function countFromRows(
  db: Kysely<Database>,
  accountId: string,
  rule: AlertRule,
  windowEnd: number,
): Promise<CountedGroup[]> {
  const windowStart = windowEnd - rule.windowMs;
  const baselineStart = windowStart - BASELINE_SPAN_MS;
  let query = db
    .selectFrom('tasks')
    .where('account_id', '=', accountId)
    .where('reason', '=', rule.reason)
    .where('created_at', '>', new Date(baselineStart))
    .where('created_at', '<=', new Date(windowEnd));
  if (rule.domain) query = query.where('domain', '=', rule.domain);
  if (rule.prefix) {
    // The path after scheme and host starts with the rule's prefix (LIKE's wildcards escaped).
    const pattern = `${rule.prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where(
      sql<boolean>`substr(regexp_replace(object_path, '^[a-zA-Z][a-zA-Z0-9+.-]*://', ''), length(domain) + 1) LIKE ${pattern}`,
    );
  }
  return query
    .select([
      'domain',
      sql<string | null>`CASE WHEN GROUPING(prefix) = 1 THEN NULL ELSE prefix END`.as('prefix'),
      sql<number>`count(*) FILTER (WHERE created_at > ${new Date(windowStart)})`.as('current'),
      sql<number>`count(*) FILTER (WHERE created_at <= ${new Date(windowStart)})`.as('previous'),
    ])
    .groupBy(sql`GROUPING SETS ((domain), (domain, prefix))`)
    .execute();
}

/** At or above the threshold and at least `ratio` times the baseline. */
export function breaches(rule: AlertRule, group: Pick<GroupCount, 'count' | 'baseline'>): boolean {
  return group.count >= rule.threshold && group.count >= rule.ratio * group.baseline;
}
