/**
 * The task list's one order — newest first, then task id numerically descending (longer ids first,
 * then byte order), then object path ascending — as SQL: the ORDER BY, which the `tasks_newest` index
 * holds exactly, and the conditions "the rows after (or before) this row in that order", with which a
 * read seeks to a position instead of counting rows off (docs/sync.md, "Deep pages").
 */
import 'server-only';
import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import type { Database } from './schema';
import { TASK_COLUMNS } from './task-rows';

/** A row's place in the list: its sort key. */
export interface RowPosition {
  createdAt: Date;
  taskId: string;
  objectPath: string;
}

export type Direction = 'forward' | 'backward';

/** Every column, in the list's order (forward) or its reverse. */
export function ordered(db: Kysely<Database>, direction: Direction = 'forward') {
  return orderedBy(db.selectFrom('tasks').select(TASK_COLUMNS), direction);
}

/** Only the sort key, in the list's order or its reverse: an index-only walk of `tasks_newest`. */
export function orderedKeys(db: Kysely<Database>, direction: Direction) {
  return orderedBy(db.selectFrom('tasks').select(['created_at', 'task_id', 'object_path']), direction);
}

function orderedBy<O>(
  query: SelectQueryBuilder<Database, 'tasks', O>,
  direction: Direction,
): SelectQueryBuilder<Database, 'tasks', O> {
  const down = direction === 'forward' ? 'desc' : 'asc';
  const up = direction === 'forward' ? 'asc' : 'desc';
  return query
    .orderBy('created_at', down)
    .orderBy(sql`length(task_id)`, down)
    .orderBy('task_id', down)
    .orderBy('object_path', up);
}

/**
 * The rows after `at` in the list's order (forward), or before it (backward); `inclusive` keeps `at`
 * itself. The plain bound on created_at is implied by the rest; it is there so the index walk starts
 * at `at` instead of filtering every newer row on the way.
 */
export function beyond(at: RowPosition, direction: Direction, inclusive = false) {
  return (eb: ExpressionBuilder<Database, 'tasks'>): Expression<SqlBool> => {
    const older = direction === 'forward';
    const length = sql`length(tasks.task_id)`;
    return eb.and([
      eb('tasks.created_at', older ? '<=' : '>=', at.createdAt),
      eb.or([
        eb('tasks.created_at', older ? '<' : '>', at.createdAt),
        eb.and([
          eb('tasks.created_at', '=', at.createdAt),
          eb.or([
            eb(length, older ? '<' : '>', at.taskId.length),
            eb.and([eb(length, '=', at.taskId.length), eb('tasks.task_id', older ? '<' : '>', at.taskId)]),
            eb.and([
              eb('tasks.task_id', '=', at.taskId),
              eb(
                'tasks.object_path',
                older ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<',
                at.objectPath,
              ),
            ]),
          ]),
        ]),
      ]),
    ]);
  };
}

export function positionOf(row: {
  created_at: Date | string;
  task_id: string;
  object_path: string;
}): RowPosition {
  return { createdAt: new Date(row.created_at), taskId: row.task_id, objectPath: row.object_path };
}
