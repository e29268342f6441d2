/**
 * Reading task rows: a page with its exact total, rows by task id, and every row of a view in
 * batches for the export. Always newest first with one tie-break (task id numerically descending,
 * then object path), so a row keeps its place between pages and between requests (list-order.ts).
 */
import 'server-only';
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { Task } from '@/lib/task';
import type { ResolvedWindow } from '@/lib/time-range';
import { beyond, ordered, orderedKeys, positionOf, type RowPosition } from './list-order';
import type { PageAnchors } from './page-anchors';
import type { Database } from './schema';
import { countTasks } from './task-count';
import { type TaskRowCriteria, taskRowCondition } from './task-row-condition';
import { fromRow, type StoredTask } from './task-rows';

export interface TaskPage {
  tasks: Task[];
  total: number;
}

/**
 * One page of a view with the view's exact total. The page's first row is found by seeking, never by
 * an OFFSET over whole rows: from the nearest remembered anchor of the view (`anchors`, kept per view
 * and store generation by the caller), or from the top, counting off only the sort keys in between
 * (an index-only walk of `tasks_newest` when the filter is only the window). docs/sync.md, "Deep pages".
 */
export async function readTaskPage(
  db: Kysely<Database>,
  accountId: string,
  criteria: TaskRowCriteria & { page: number; size: number },
  window: ResolvedWindow,
  anchors?: PageAnchors,
): Promise<TaskPage> {
  const [rows, count] = await Promise.all([
    readPageRows(db, accountId, criteria, window, anchors),
    countTasks(db, accountId, criteria, window),
  ]);
  return { tasks: rows.map(fromRow), total: count };
}

/** A page's rows alone (readTaskPage without its total; the deep-page bench times this part). */
export async function readPageRows(
  db: Kysely<Database>,
  accountId: string,
  criteria: TaskRowCriteria & { page: number; size: number },
  window: ResolvedWindow,
  anchors: PageAnchors | undefined,
): Promise<StoredTask[]> {
  const where = taskRowCondition(accountId, criteria, window);
  const offset = (criteria.page - 1) * criteria.size;
  if (anchors) await fitAnchors(db, accountId, criteria, window, anchors);
  let rows: StoredTask[];
  if (offset === 0) {
    rows = await ordered(db).where(where).limit(criteria.size).execute();
  } else {
    const start = await positionAt(db, where, offset, anchors?.nearest(offset));
    rows = start
      ? await ordered(db)
          .where(where)
          .where(beyond(start, 'forward', true))
          .limit(criteria.size)
          .execute()
      : [];
  }
  const first = rows[0];
  const last = rows.at(-1);
  if (anchors && first && last) {
    anchors.remember(offset, positionOf(first));
    anchors.remember(offset + rows.length - 1, positionOf(last));
  }
  return rows;
}

/**
 * The sort key of the row at `offset` of the view, or null past its end: from `near` when it is
 * closer than the top, walking forward or backward from it; else from the top.
 */
async function positionAt(
  db: Kysely<Database>,
  where: (eb: ExpressionBuilder<Database, 'tasks'>) => Expression<SqlBool>,
  offset: number,
  near: { offset: number; at: RowPosition } | undefined,
): Promise<RowPosition | null> {
  if (near?.offset === offset) return near.at;
  const from = near !== undefined && Math.abs(near.offset - offset) < offset ? near : null;
  const direction = from && from.offset > offset ? 'backward' : 'forward';
  const row = await orderedKeys(db, direction)
    .where(where)
    .$if(from !== null, (qb) => qb.where(beyond((from as { at: RowPosition }).at, direction)))
    .offset(from ? Math.abs(from.offset - offset) - 1 : offset)
    .limit(1)
    .executeTakeFirst();
  return row ? positionOf(row) : null;
}

/**
 * Keeps `anchors` true for this window: offsets count from the window's newest row, so a window that
 * ends later with rows in the stretch it gained (or earlier, having lost rows) shifts every offset
 * and the anchors are forgotten; a window that starts later only loses rows below, and the anchors
 * among them.
 */
async function fitAnchors(
  db: Kysely<Database>,
  accountId: string,
  criteria: TaskRowCriteria,
  window: ResolvedWindow,
  anchors: PageAnchors,
): Promise<void> {
  const before = anchors.window;
  if (before && before.endMs !== window.endMs) {
    const stretch = {
      startMs: Math.min(before.endMs, window.endMs) + 1,
      endMs: Math.max(before.endMs, window.endMs),
      clamped: false,
    };
    const moved = await db
      .selectFrom('tasks')
      .select('task_id')
      .where(taskRowCondition(accountId, criteria, stretch))
      .limit(1)
      .executeTakeFirst();
    if (moved) anchors.clear();
  }
  anchors.window = { startMs: window.startMs, endMs: window.endMs };
  if (!before) return;
  if (window.startMs > before.startMs) anchors.dropOlderThan(window.startMs);
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

/**
 * Every row of a view, newest first, `batch` rows per query (keyset pagination, so a long export
 * neither holds one transaction open nor slows down page by page). Ends early when the consumer
 * stops: nothing is read that nobody waits for.
 */
export async function* readAllTasks(
  db: Kysely<Database>,
  accountId: string,
  criteria: TaskRowCriteria,
  window: ResolvedWindow,
  batch = 1_000,
): AsyncGenerator<Task> {
  const where = taskRowCondition(accountId, criteria, window);
  let after: RowPosition | null = null;
  for (;;) {
    const cursor: RowPosition | null = after;
    const rows = await ordered(db)
      .where(where)
      .$if(cursor !== null, (qb) => qb.where(beyond(cursor as RowPosition, 'forward')))
      .limit(batch)
      .execute();
    for (const row of rows) yield fromRow(row);
    const last: StoredTask | undefined = rows.at(-1);
    if (!last || rows.length < batch) return;
    after = positionOf(last);
  }
}
