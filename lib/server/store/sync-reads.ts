/**
 * The reads the sync makes of the account's own rows to decide what to ask the upstream next
 * (docs/sync.md, "The sync"): counts to compare with the upstream's, the in-flight ids to re-read,
 * and one path per domain to probe a resource group with. Times are ms; windows include both ends.
 */
import 'server-only';
import { type Kysely, sql } from 'kysely';
import { IN_FLIGHT_STATUSES } from '@/lib/task';
import type { Database } from './schema';

/** How many rows the store holds for the account created within [lo, hi]. */
export async function countStoredTasks(
  db: Kysely<Database>,
  accountId: string,
  lo: number,
  hi: number,
): Promise<number> {
  const row = await db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('account_id', '=', accountId)
    .where('created_at', '>=', new Date(lo))
    .where('created_at', '<=', new Date(hi))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Per object type (in order), the rows within [lo, hi] whose status is one of `statuses`. */
export async function countByObjectType(
  db: Kysely<Database>,
  accountId: string,
  statuses: readonly string[],
  lo: number,
  hi: number,
): Promise<Array<{ objectType: string; rows: number }>> {
  const rows = await db
    .selectFrom('tasks')
    .select(['object_type', (eb) => eb.fn.countAll().as('n')])
    .where('account_id', '=', accountId)
    .where('status', 'in', [...statuses])
    .where('created_at', '>=', new Date(lo))
    .where('created_at', '<=', new Date(hi))
    .groupBy('object_type')
    .orderBy('object_type')
    .execute();
  return rows.map((row) => ({ objectType: row.object_type, rows: Number(row.n) }));
}

/** The ids of in-flight tasks within [lo, hi] with one of these object types, each once. */
export async function inFlightTaskIdsOfTypes(
  db: Kysely<Database>,
  accountId: string,
  objectTypes: readonly string[],
  lo: number,
  hi: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('tasks')
    .select('task_id')
    .distinct()
    .where('account_id', '=', accountId)
    .where('status', 'in', [...IN_FLIGHT_STATUSES])
    .where('object_type', 'in', [...objectTypes])
    .where('created_at', '>=', new Date(lo))
    .where('created_at', '<=', new Date(hi))
    .execute();
  return rows.map((row) => row.task_id);
}

/**
 * The in-flight rows within [lo, hi] of one object type: their task id, when they were created and
 * when the sync first stored them or last saw them change (ms).
 */
export async function inFlightRowsOfType(
  db: Kysely<Database>,
  accountId: string,
  objectType: string,
  lo: number,
  hi: number,
): Promise<Array<{ taskId: string; createdAt: number; changedAt: number }>> {
  const rows = await db
    .selectFrom('tasks')
    .select(['task_id', 'created_at', 'changed_at'])
    .where('account_id', '=', accountId)
    .where('status', 'in', [...IN_FLIGHT_STATUSES])
    .where('object_type', '=', objectType)
    .where('created_at', '>=', new Date(lo))
    .where('created_at', '<=', new Date(hi))
    .execute();
  return rows.map((row) => ({
    taskId: row.task_id,
    createdAt: new Date(row.created_at).getTime(),
    changedAt: new Date(row.changed_at).getTime(),
  }));
}

/**
 * Every task id with an in-flight row created since `since`, with the creation time of its newest
 * such row (a task's paths share an id; the newest decides how often the id is re-read).
 */
export async function inFlightTasksSince(
  db: Kysely<Database>,
  accountId: string,
  since: number,
): Promise<Array<{ taskId: string; createdAt: number }>> {
  const rows = await db
    .selectFrom('tasks')
    .select(['task_id', sql<Date>`max(created_at)`.as('newest')])
    .where('account_id', '=', accountId)
    .where('status', 'in', [...IN_FLIGHT_STATUSES])
    .where('created_at', '>=', new Date(since))
    .groupBy('task_id')
    .execute();
  return rows.map((row) => ({ taskId: row.task_id, createdAt: new Date(row.newest).getTime() }));
}

/** One stored path per domain with rows created since `since`: what a resource-group probe asks about. */
export async function samplePathPerDomain(
  db: Kysely<Database>,
  accountId: string,
  since: number,
): Promise<Array<{ domain: string; path: string }>> {
  return db
    .selectFrom('tasks')
    .select(['domain', sql<string>`min(object_path)`.as('path')])
    .where('account_id', '=', accountId)
    .where('created_at', '>=', new Date(since))
    .groupBy('domain')
    .execute();
}
