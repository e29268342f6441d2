/**
 * Which domains belong to a resource group. Tasks do not carry their group, so the sync finds out
 * (sync/steps/resource-groups.ts) the first time someone filters by a group, and again daily while it
 * has members; any instance asks by leaving a placeholder row that the syncing instance picks up.
 * A group is whatever a URL says (`rg=`), so asking is bounded (docs/sync.md, "Resource groups"):
 * each user may have NEW_GROUPS_PER_USER_PER_HOUR groups looked up an hour, and a group whose probe
 * matched no domain is forgotten a day later instead of being probed again every day.
 */
import 'server-only';
import { type Kysely, sql } from 'kysely';
import { NEW_GROUPS_PER_USER_PER_HOUR } from '@/lib/resource-group-limits';
import type { Database } from './schema';

export { NEW_GROUPS_PER_USER_PER_HOUR };

/** A group with members is looked at again after this long. */
const RESOURCE_GROUP_REFRESH_MS = 24 * 60 * 60 * 1000;
/** A group whose probe matched no domain is forgotten this long after it: asking again probes again. */
export const UNMATCHED_GROUP_EXPIRY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
/** The placeholder's domain: "someone asked for this group". */
const ASKED = '';
/** The placeholder of a group asked for and not probed yet. */
const NEVER = new Date(0);

/**
 * What the store can say about a group: `known` (its domains are, so rows filtered by it are
 * complete), `pending` (asked for, the sync will probe it), `limited` (new, and the user has had
 * their hour's share of new groups looked up: not asked for).
 */
export type ResourceGroupStatus = 'known' | 'pending' | 'limited';

/** Whether the group's domains are known; a new one is asked for, within the user's hourly share. */
export async function resourceGroupStatus(
  db: Kysely<Database>,
  accountId: string,
  groupId: string,
  askedBy: string,
  nowMs: number,
): Promise<ResourceGroupStatus> {
  const rows = await db
    .selectFrom('resource_group_domains')
    .select(['domain', 'checked_at'])
    .where('account_id', '=', accountId)
    .where('resource_group_id', '=', groupId)
    .execute();
  if (rows.some((row) => row.domain !== ASKED || new Date(row.checked_at).getTime() > 0)) return 'known';
  if (rows.length > 0) return 'pending';
  const since = new Date(nowMs - HOUR_MS);
  const asked = await db
    .selectFrom('resource_group_asks')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('account_id', '=', accountId)
    .where('asked_by', '=', askedBy)
    .where('asked_at', '>', since)
    .executeTakeFirstOrThrow();
  if (Number(asked.n) >= NEW_GROUPS_PER_USER_PER_HOUR) return 'limited';
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('resource_group_asks')
      .where('account_id', '=', accountId)
      .where('asked_by', '=', askedBy)
      .where('asked_at', '<=', since)
      .execute();
    await trx
      .insertInto('resource_group_asks')
      .values({
        account_id: accountId,
        asked_by: askedBy,
        resource_group_id: groupId,
        asked_at: new Date(nowMs),
      })
      .onConflict((conflict) => conflict.columns(['account_id', 'asked_by', 'resource_group_id']).doNothing())
      .execute();
    await trx
      .insertInto('resource_group_domains')
      .values({
        account_id: accountId,
        resource_group_id: groupId,
        domain: ASKED,
        member: false,
        checked_at: NEVER,
      })
      .onConflict((conflict) => conflict.doNothing())
      .execute();
  });
  return 'pending';
}

/**
 * Groups asked for and never probed, then groups with members probed longer ago than the refresh
 * interval; the oldest first.
 */
export async function resourceGroupsDue(
  db: Kysely<Database>,
  accountId: string,
  nowMs: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('resource_group_domains')
    .select('resource_group_id')
    .where('account_id', '=', accountId)
    .groupBy('resource_group_id')
    .having((eb) =>
      eb.or([
        eb(sql<Date>`max(checked_at)`, '=', NEVER),
        eb.and([
          eb(sql<Date>`max(checked_at)`, '<', new Date(nowMs - RESOURCE_GROUP_REFRESH_MS)),
          eb(sql<boolean>`bool_or(member)`, '=', true),
        ]),
      ]),
    )
    .orderBy(sql`max(checked_at)`)
    .execute();
  return rows.map((row) => row.resource_group_id);
}

/** Forgets groups whose last probe, longer ago than the expiry, matched no domain; answers how many. */
export async function expireUnmatchedGroups(
  db: Kysely<Database>,
  accountId: string,
  nowMs: number,
): Promise<number> {
  const stale = db
    .selectFrom('resource_group_domains')
    .select('resource_group_id')
    .where('account_id', '=', accountId)
    .groupBy('resource_group_id')
    .having((eb) =>
      eb.and([
        eb(sql<Date>`max(checked_at)`, '>', NEVER),
        eb(sql<Date>`max(checked_at)`, '<', new Date(nowMs - UNMATCHED_GROUP_EXPIRY_MS)),
        eb(sql<boolean>`bool_or(member)`, '=', false),
      ]),
    );
  const result = await db
    .deleteFrom('resource_group_domains')
    .where('account_id', '=', accountId)
    .where('resource_group_id', 'in', stale)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Records the membership of every probed domain, and that the group was checked. */
export async function saveResourceGroup(
  db: Kysely<Database>,
  accountId: string,
  groupId: string,
  membership: ReadonlyMap<string, boolean>,
  nowMs: number,
): Promise<void> {
  const checkedAt = new Date(nowMs);
  const rows = [...membership].map(([domain, member]) => ({
    account_id: accountId,
    resource_group_id: groupId,
    domain,
    member,
    checked_at: checkedAt,
  }));
  rows.push({
    account_id: accountId,
    resource_group_id: groupId,
    domain: ASKED,
    member: false,
    checked_at: checkedAt,
  });
  await db
    .insertInto('resource_group_domains')
    .values(rows)
    .onConflict((conflict) =>
      conflict.columns(['account_id', 'resource_group_id', 'domain']).doUpdateSet((eb) => ({
        member: eb.ref('excluded.member'),
        checked_at: eb.ref('excluded.checked_at'),
      })),
    )
    .execute();
}
