/**
 * Writing task rows: upserts keyed by (account, task id, object path), so reading the same row twice
 * (overlapping head polls, a page shifted by new tasks, a re-read slice) never duplicates it.
 */
import 'server-only';
import type { Insertable, Selectable } from 'kysely';
import { type Kysely, sql } from 'kysely';
import type { Task } from '@/lib/task';
import { isoSeconds } from '@/lib/time-range';
import { pathPrefix } from '../summary/summary-aggregate';
import { inFlightCondition } from './in-flight-sql';
import type { Database, TasksTable } from './schema';

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters (12 per row). */
const BATCH = 1_000;

/**
 * How late the sync may see a row's end (ms): at least the re-read interval in force for it. Null
 * when nothing bounds it (no read this process sent saw the row in flight): a row turning ended then
 * keeps an unknown end, as a row first seen ended does, rather than a guess.
 */
export type EndPrecision = (task: Task) => number | null;

interface UpsertResult {
  /** Rows the store did not have. */
  inserted: number;
  /** Rows whose status, progress or description changed. */
  changed: number;
}

export async function upsertTasks(
  db: Kysely<Database>,
  accountId: string,
  tasks: readonly Task[],
  now = new Date(),
  precisionOf: EndPrecision = () => null,
): Promise<UpsertResult> {
  const result: UpsertResult = { inserted: 0, changed: 0 };
  // One row per key per statement: ON CONFLICT refuses to touch the same row twice in one INSERT.
  const unique = new Map<string, Task>();
  for (const task of tasks)
    if (task.taskId && task.createdAt) unique.set(`${task.taskId} ${task.objectPath}`, task);
  // One statement per precision, so it is a parameter: an inserted row must never carry one.
  const byPrecision = new Map<number | null, Task[]>();
  for (const task of unique.values()) {
    const precision = precisionOf(task);
    const group = byPrecision.get(precision);
    if (group) group.push(task);
    else byPrecision.set(precision, [task]);
  }
  for (const [precision, group] of byPrecision) {
    const rows = group.map((task) => toRow(accountId, task, now));
    for (let i = 0; i < rows.length; i += BATCH) {
      const written = await upsertBatch(db, rows.slice(i, i + BATCH), now, precision);
      for (const row of written) {
        if (row.inserted) result.inserted += 1;
        else result.changed += 1;
      }
    }
  }
  return result;
}

/**
 * One INSERT … ON CONFLICT. A row turning from in flight to ended gets `finished_at` = now and the
 * precision, if it has one; a row back in flight (an upstream reporting an old state again) loses
 * them; a row inserted gets neither: first seen already ended, its end is unknown (docs/sync.md,
 * "Time to finish").
 */
function upsertBatch(
  db: Kysely<Database>,
  rows: Insertable<TasksTable>[],
  now: Date,
  precision: number | null,
) {
  const wasInFlight = sql.raw(inFlightCondition('tasks.status'));
  const isInFlight = sql.raw(inFlightCondition('excluded.status'));
  const seenEnd = precision === null ? null : now;
  return db
    .insertInto('tasks')
    .values(rows)
    .onConflict((conflict) =>
      conflict
        .columns(['account_id', 'task_id', 'object_path'])
        .doUpdateSet((eb) => ({
          object_type: eb.ref('excluded.object_type'),
          status: eb.ref('excluded.status'),
          progress: eb.ref('excluded.progress'),
          description: eb.ref('excluded.description'),
          reason: eb.ref('excluded.reason'),
          changed_at: eb.ref('excluded.changed_at'),
          finished_at: sql<Date | null>`CASE WHEN ${isInFlight} THEN NULL
              WHEN ${wasInFlight} THEN ${seenEnd}::timestamptz ELSE tasks.finished_at END`,
          finished_precision_ms: sql<number | null>`CASE WHEN ${isInFlight} THEN NULL
              WHEN ${wasInFlight} THEN ${precision}::integer ELSE tasks.finished_precision_ms END`,
        }))
        // Unchanged rows are not rewritten: most of every head poll and reconcile is unchanged.
        .where((eb) =>
          eb.or([
            eb('tasks.status', 'is distinct from', eb.ref('excluded.status')),
            eb('tasks.progress', 'is distinct from', eb.ref('excluded.progress')),
            eb('tasks.description', 'is distinct from', eb.ref('excluded.description')),
            eb('tasks.object_type', 'is distinct from', eb.ref('excluded.object_type')),
          ]),
        ),
    )
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .execute();
}

function toRow(accountId: string, task: Task, now: Date): Insertable<TasksTable> {
  return {
    account_id: accountId,
    task_id: task.taskId,
    object_path: task.objectPath,
    object_type: task.objectType,
    status: task.status,
    progress: task.progress,
    created_at: task.createdAt,
    domain: task.domain,
    prefix: pathPrefix(task),
    description: task.description,
    reason: task.reason,
    changed_at: now,
  };
}

/** The columns a Task is read from. */
export const TASK_COLUMNS = [
  'task_id',
  'object_path',
  'object_type',
  'status',
  'progress',
  'created_at',
  'domain',
  'description',
  'reason',
  'finished_at',
  'finished_precision_ms',
] as const;

export type StoredTask = Pick<Selectable<TasksTable>, (typeof TASK_COLUMNS)[number]>;

export function fromRow(row: StoredTask): Task {
  return {
    taskId: row.task_id,
    objectPath: row.object_path,
    objectType: row.object_type,
    status: row.status,
    progress: Number(row.progress),
    createdAt: isoSeconds(new Date(row.created_at).getTime()),
    domain: row.domain,
    description: row.description,
    reason: (row.reason as Task['reason']) ?? null,
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
    finishedPrecisionSeconds:
      row.finished_at && row.finished_precision_ms !== null ? row.finished_precision_ms / 1000 : null,
  };
}

/** Drops rows created before `before` (HISTORY_DAYS); answers how many went. */
export async function pruneTasks(db: Kysely<Database>, accountId: string, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('tasks')
    .where('account_id', '=', accountId)
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows ?? 0);
}
