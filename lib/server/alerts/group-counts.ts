import 'server-only';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../store/schema';
import type { AlertRule } from './rules';

/**
 * One rule's failures counted per group — per domain and per path prefix of a domain, in one pass
 * (two grouping sets) — in the window ending at `windowEnd` and over the 24 hours before it (the
 * baseline). Rows count by their creation time, as every view of the dashboard does.
 */
export const BASELINE_SPAN_MS = 24 * 3_600_000;

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
): Promise<GroupCount[]> {
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
  const rows = await query
    .select([
      'domain',
      sql<string | null>`CASE WHEN GROUPING(prefix) = 1 THEN NULL ELSE prefix END`.as('prefix'),
      sql<number>`count(*) FILTER (WHERE created_at > ${new Date(windowStart)})`.as('current'),
      sql<number>`count(*) FILTER (WHERE created_at <= ${new Date(windowStart)})`.as('previous'),
    ])
    .groupBy(sql`GROUPING SETS ((domain), (domain, prefix))`)
    .execute();
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

/** At or above the threshold and at least `ratio` times the baseline. */
export function breaches(rule: AlertRule, group: Pick<GroupCount, 'count' | 'baseline'>): boolean {
  return group.count >= rule.threshold && group.count >= rule.ratio * group.baseline;
}
