import 'server-only';
import { type Kysely, sql } from 'kysely';
import {
  ACTIVITY_LISTED_PATHS,
  type ActivityEntry,
  type ActivityFailure,
  type ActivitySource,
} from '@/lib/activity-types';
import type { Database } from '../store/schema';

/**
 * The record of submissions made through the dashboard (migrations/0006-tokens-and-activity.ts):
 * one row per submission, written when it is made, read by /activity with how its tasks have ended
 * (from the task rows the sync keeps, so an entry's outcome fills in as the tasks end).
 */
export interface NewActivity {
  accountId: string;
  at: Date;
  source: ActivitySource;
  actor: string;
  actorKind: 'user' | 'token';
  subject: string;
  objectType: string;
  domains: string[];
  paths: readonly string[];
  taskIds: string[];
  failures: ActivityFailure[];
  notAttempted: number;
}

export interface ActivityFilter {
  accountId: string;
  /** Entries at or after this time (HISTORY_DAYS bounds it from below). */
  from: Date;
  to: Date | null;
  actor: string | null;
  domain: string | null;
  limit: number;
}

export async function insertActivity(db: Kysely<Database>, entry: NewActivity): Promise<void> {
  await db
    .insertInto('submissions')
    .values({
      account_id: entry.accountId,
      submitted_at: entry.at,
      source: entry.source,
      actor: entry.actor,
      actor_kind: entry.actorKind,
      subject: entry.subject,
      object_type: entry.objectType,
      domains: JSON.stringify(entry.domains),
      paths: JSON.stringify(entry.paths.slice(0, ACTIVITY_LISTED_PATHS)),
      path_count: entry.paths.length,
      task_ids: JSON.stringify(entry.taskIds),
      failures: JSON.stringify(entry.failures),
      not_attempted: entry.notAttempted,
    })
    .execute();
}

/** Drops entries older than `before` (HISTORY_DAYS, as the tasks); answers how many went. */
export async function pruneActivity(db: Kysely<Database>, before: Date): Promise<number> {
  const result = await db.deleteFrom('submissions').where('submitted_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows ?? 0);
}

export async function readActivity(db: Kysely<Database>, filter: ActivityFilter): Promise<ActivityEntry[]> {
  let query = db
    .selectFrom('submissions')
    .selectAll()
    .where('account_id', '=', filter.accountId)
    .where('submitted_at', '>=', filter.from)
    .orderBy('submitted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit);
  if (filter.to) query = query.where('submitted_at', '<=', filter.to);
  if (filter.actor) query = query.where('actor', '=', filter.actor);
  if (filter.domain) query = query.where(sql<boolean>`domains @> ${JSON.stringify([filter.domain])}::jsonb`);
  const rows = await query.execute();
  const taskIds = [...new Set(rows.flatMap((row) => listOf(row.task_ids)))];
  const counts =
    taskIds.length === 0
      ? []
      : await db
          .selectFrom('tasks')
          .select(['task_id', 'status', (eb) => eb.fn.countAll<string>().as('rows')])
          .where('account_id', '=', filter.accountId)
          .where('task_id', 'in', taskIds)
          .groupBy(['task_id', 'status'])
          .execute();
  const byTask = new Map<string, Record<string, number>>();
  for (const row of counts) {
    const statuses = byTask.get(row.task_id) ?? {};
    statuses[row.status] = (statuses[row.status] ?? 0) + Number(row.rows);
    byTask.set(row.task_id, statuses);
  }
  return rows.map((row) => {
    const ids = listOf(row.task_ids);
    const outcome: Record<string, number> = {};
    for (const id of ids)
      for (const [status, count] of Object.entries(byTask.get(id) ?? {}))
        outcome[status] = (outcome[status] ?? 0) + count;
    return {
      id: row.id,
      accountId: row.account_id,
      at: new Date(row.submitted_at).toISOString(),
      source: row.source === 'resubmit' ? 'resubmit' : 'refresh',
      actor: row.actor,
      actorKind: row.actor_kind === 'token' ? 'token' : 'user',
      objectType: row.object_type,
      domains: listOf(row.domains),
      paths: listOf(row.paths),
      pathCount: row.path_count,
      taskIds: ids,
      failures: failuresOf(row.failures),
      notAttempted: row.not_attempted,
      outcome,
    };
  });
}

/** The distinct actors of an account's recent entries, for the filter's choices. */
export async function activityActors(db: Kysely<Database>, accountId: string, from: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('submissions')
    .select('actor')
    .distinct()
    .where('account_id', '=', accountId)
    .where('submitted_at', '>=', from)
    .orderBy('actor')
    .limit(200)
    .execute();
  return rows.map((row) => row.actor);
}

function parsed(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

function listOf(value: unknown): string[] {
  const list = parsed(value);
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
}

function failuresOf(value: unknown): ActivityFailure[] {
  const list = parsed(value);
  if (!Array.isArray(list)) return [];
  return list.filter(
    (item): item is ActivityFailure =>
      typeof item === 'object' &&
      item !== null &&
      typeof item.domain === 'string' &&
      typeof item.code === 'string',
  );
}
