/**
 * Which domains belong to a resource group. Tasks do not carry their group, so the sync finds out
 * (sync/resource-group-discovery.ts) the first time someone filters by a group, and again daily; any
 * instance asks by leaving a placeholder row that the syncing instance picks up.
 */
import 'server-only';
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema';

/** A group is looked at again after this long. */
const RESOURCE_GROUP_REFRESH_MS = 24 * 60 * 60 * 1000;
/** The placeholder's domain: "someone asked for this group". */
const ASKED = '';

/** Whether the group's domains are known; if not, the syncing instance is asked to find out. */
export async function resourceGroupKnown(
  db: Kysely<Database>,
  accountId: string,
  groupId: string,
): Promise<boolean> {
  const rows = await db
    .selectFrom('resource_group_domains')
    .select(['domain', 'checked_at'])
    .where('account_id', '=', accountId)
    .where('resource_group_id', '=', groupId)
    .execute();
  if (rows.some((row) => row.domain !== ASKED)) return true;
  if (rows.length === 0) {
    await db
      .insertInto('resource_group_domains')
      .values({
        account_id: accountId,
        resource_group_id: groupId,
        domain: ASKED,
        member: false,
        checked_at: new Date(0),
      })
      .onConflict((conflict) => conflict.doNothing())
      .execute();
  }
  return false;
}

/** Groups asked for and never checked, or checked longer ago than the refresh interval. */
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
    .having(sql<Date>`max(checked_at)`, '<', new Date(nowMs - RESOURCE_GROUP_REFRESH_MS))
    .execute();
  return rows.map((row) => row.resource_group_id);
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
