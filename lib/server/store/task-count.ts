/**
 * How many rows a view holds, exactly: from count cells for the whole hours of its window plus its
 * rows in the partial hours at the edges, when only filters cells are keyed by are set; else a count
 * of its rows (`q`, `path`, `task`, `rg` views are narrow). Also the per-account counts the triggers
 * keep (docs/sync.md, "Count cells").
 */
import 'server-only';
import { type Kysely, sql } from 'kysely';
import { type CountWindow, cellFilter, cellsAnswer, hourCover, outsideCover } from './cell-cover';
import type { Database } from './schema';
import { type TaskRowCriteria, taskRowCondition } from './task-row-condition';

export async function countTasks(
  db: Kysely<Database>,
  accountId: string,
  criteria: TaskRowCriteria,
  window: CountWindow,
  source: 'cells' | 'rows' = 'cells',
): Promise<number> {
  const rowWindow = { startMs: window.startMs, endMs: window.endMs, clamped: false };
  const where = taskRowCondition(accountId, criteria, rowWindow);
  // An exclusive start: the row at the start instant is left out (the cells' cover does the same).
  const afterStart = (eb: Parameters<typeof where>[0]) =>
    window.startExclusive ? eb('tasks.created_at', '>', new Date(window.startMs)) : sql<boolean>`true`;
  if (source === 'rows' || !cellsAnswer(criteria)) {
    const row = await db
      .selectFrom('tasks')
      .select((eb) => eb.fn.countAll().as('n'))
      .where(where)
      .where(afterStart)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
  const cover = hourCover(window);
  const unfiltered =
    !criteria.status.length && !criteria.type.length && !criteria.domain.length && !criteria.reason.length;
  // With nothing to narrow by, one count per hour (a month: 720) instead of the hour's cells.
  const cells = unfiltered
    ? db
        .selectFrom('task_hour_counts')
        .where('account_id', '=', accountId)
        .where('hour', '>=', cover.lo)
        .where('hour', '<', cover.hi)
        .select(sql<number>`coalesce(sum(n), 0)`.as('n'))
    : db
        .selectFrom('task_cells')
        .where(cellFilter(accountId, criteria))
        .where('hour', '>=', cover.lo)
        .where('hour', '<', cover.hi)
        .select(sql<number>`coalesce(sum(n), 0)`.as('n'));
  const row = await db
    .selectFrom(
      cells
        .unionAll(
          db
            .selectFrom('tasks')
            .where(where)
            .where(afterStart)
            .where(outsideCover(cover))
            .select(sql<number>`count(*)`.as('n')),
        )
        .as('parts'),
    )
    .select(sql<number>`sum(n)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface AccountCounts {
  stored: number;
  inFlight: number;
}

/** The account's rows and rows in flight, as the triggers keep them (no rows are read). */
export async function readAccountCounts(db: Kysely<Database>, accountId: string): Promise<AccountCounts> {
  const row = await db
    .selectFrom('task_counts')
    .select(['stored', 'in_flight'])
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return { stored: Number(row?.stored ?? 0), inFlight: Number(row?.in_flight ?? 0) };
}
