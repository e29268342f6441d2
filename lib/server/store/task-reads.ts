/**
 * Reading task rows: a page with its exact total, rows by task id, and every row of a view in
 * batches for the export. Always newest first with one tie-break (task id numerically descending,
 * then object path), so a row keeps its place between pages and between requests.
 */
import 'server-only';
import { type Kysely, sql } from 'kysely';
import type { Task } from '@/lib/task';
import type { ResolvedWindow } from '@/lib/time-range';
import type { Database } from './schema';
import { countTasks } from './task-count';
import { type TaskFilterInput, taskFilter } from './task-filter';
import { fromRow, type StoredTask, TASK_COLUMNS } from './task-rows';

function ordered(db: Kysely<Database>) {
  return db
    .selectFrom('tasks')
    .select(TASK_COLUMNS)
    .orderBy('created_at', 'desc')
    .orderBy(sql`length(task_id)`, 'desc')
    .orderBy('task_id', 'desc')
    .orderBy('object_path', 'asc');
}

export interface TaskPage {
  tasks: Task[];
  total: number;
}

export async function readTaskPage(
  db: Kysely<Database>,
  accountId: string,
  query: TaskFilterInput & { page: number; size: number },
  window: ResolvedWindow,
): Promise<TaskPage> {
  const where = taskFilter(accountId, query, window);
  const [rows, count] = await Promise.all([
    ordered(db)
      .where(where)
      .limit(query.size)
      .offset((query.page - 1) * query.size)
      .execute(),
    countTasks(db, accountId, query, window),
  ]);
  return { tasks: rows.map(fromRow), total: count };
}

/** Every stored row of these task ids (a task id groups the URLs of one submission). */
export async function readTasksById(
  db: Kysely<Database>,
  accountId: string,
  taskIds: readonly string[],
): Promise<Task[]> {
  if (taskIds.length === 0) return [];
  const rows = await ordered(db)
    .where('account_id', '=', accountId)
    .where('task_id', 'in', [...taskIds])
    .execute();
  return rows.map(fromRow);
}

interface RowPosition {
  createdAt: Date;
  taskId: string;
  objectPath: string;
}

/**
 * Every row of a view, newest first, `batch` rows per query (keyset pagination, so a long export
 * neither holds one transaction open nor slows down page by page). Ends early when the consumer
 * stops: nothing is read that nobody waits for.
 */
export async function* readAllTasks(
  db: Kysely<Database>,
  accountId: string,
  query: TaskFilterInput,
  window: ResolvedWindow,
  batch = 1_000,
): AsyncGenerator<Task> {
  const where = taskFilter(accountId, query, window);
  let after: RowPosition | null = null;
  for (;;) {
    const cursor: RowPosition | null = after;
    const rows = await ordered(db)
      .where(where)
      .$if(cursor !== null, (qb) =>
        qb.where((eb) => {
          const c = cursor as RowPosition;
          // The next rows in the list's order: older, or same second and a smaller id, or same id
          // and a later path.
          return eb.or([
            eb('created_at', '<', c.createdAt),
            eb.and([
              eb('created_at', '=', c.createdAt),
              eb.or([
                eb(sql`length(task_id)`, '<', c.taskId.length),
                eb.and([eb(sql`length(task_id)`, '=', c.taskId.length), eb('task_id', '<', c.taskId)]),
                eb.and([eb('task_id', '=', c.taskId), eb('object_path', '>', c.objectPath)]),
              ]),
            ]),
          ]);
        }),
      )
      .limit(batch)
      .execute();
    for (const row of rows) yield fromRow(row);
    const last: StoredTask | undefined = rows.at(-1);
    if (!last || rows.length < batch) return;
    after = { createdAt: new Date(last.created_at), taskId: last.task_id, objectPath: last.object_path };
  }
}
