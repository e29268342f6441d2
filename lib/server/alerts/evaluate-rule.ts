import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';
import { fireAlert, lastFiredAt, noteOpenAlert, openAlerts, resolveAlert } from './alert-store';
import { durationGroups } from './duration-groups';
import { breaches, countGroups, type GroupCount } from './group-counts';
import { type AlertRule, isSlowRule } from './rules';

/**
 * One evaluation of one rule at `windowEnd` (the time the store last matched the upstream), on its
 * groups' figures — failures counted, or (a `slow` rule) each domain's p90 in seconds:
 * - an open alert whose group is below the threshold for a whole window resolves (one message);
 * - a group that breaches, has no open alert and has not fired within the cooldown fires (one
 *   message). A path prefix is the more precise answer to "where", so a domain that breaches only
 *   because one of its prefixes does is told once, as that prefix.
 */
interface EvaluationResult {
  fired: GroupCount[];
  resolved: string[];
  open: number;
}

export async function evaluateRule(
  db: Kysely<Database>,
  accountId: string,
  rule: AlertRule,
  windowEnd: number,
): Promise<EvaluationResult> {
  const groups = isSlowRule(rule)
    ? await durationGroups(db, accountId, rule, windowEnd)
    : await countGroups(db, accountId, rule, windowEnd);
  const byKey = new Map(groups.map((group) => [group.key, group]));
  const open = await openAlerts(db, accountId, rule.name);
  const result: EvaluationResult = { fired: [], resolved: [], open: 0 };

  for (const alert of open) {
    const count = byKey.get(alert.group_key)?.count ?? 0;
    if (count >= rule.threshold) {
      await noteOpenAlert(db, alert, count, null);
      result.open += 1;
      continue;
    }
    const belowSince = alert.below_since ? new Date(alert.below_since).getTime() : windowEnd;
    if (windowEnd - belowSince >= rule.windowMs) {
      if (await resolveAlert(db, alert, count, windowEnd, rule.channels))
        result.resolved.push(alert.group_key);
    } else {
      await noteOpenAlert(db, alert, count, belowSince);
      result.open += 1;
    }
  }

  const openKeys = new Set(open.map((alert) => alert.group_key));
  const candidates = groups.filter((group) => breaches(rule, group) && !openKeys.has(group.key));
  const domainsWithPrefix = new Set(
    [
      ...candidates.filter((group) => group.prefix !== null),
      ...open.filter((alert) => alert.prefix !== null),
    ].map((group) => group.domain),
  );
  const domainsOpen = new Set(open.filter((alert) => alert.prefix === null).map((alert) => alert.domain));
  for (const group of candidates) {
    if (group.prefix === null && domainsWithPrefix.has(group.domain)) continue;
    if (group.prefix !== null && domainsOpen.has(group.domain)) continue;
    const last = await lastFiredAt(db, accountId, rule.name, group.key);
    if (last !== null && windowEnd - last < rule.cooldownMs) continue;
    if (await fireAlert(db, accountId, rule, group, windowEnd)) {
      result.fired.push(group);
      result.open += 1;
    }
  }
  return result;
}
