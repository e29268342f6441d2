/**
 * How many rows a view holds, exactly: from count cells for the whole hours of its window (whole
 * quarters of a day from the quarter cells when no domain narrows it) plus its
 * rows in the partial hours at the edges, when only filters cells are keyed by are set; else a count
 * of its rows (`q`, `path`, `task`, `rg` views are narrow). Also the per-account counts the triggers
 * keep (docs/sync.md, "Count cells").
 */
import 'server-only';
import { type Kysely, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import {
  type CountWindow,
  cellFilter,
  cellsAnswer,
  HOURS_PER_QUARTER,
  type HourCover,
  hourCover,
  outsideCover,
  slotCover,
} from './cell-cover';
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
    : criteria.domain.length > 0
      ? (db
          .selectFrom('task_cells')
          .where(cellFilter(accountId, criteria))
          .where('hour', '>=', cover.lo)
          .where('hour', '<', cover.hi)
          .select(sql<number>`coalesce(sum(n), 0)`.as('n')) as unknown as ReturnType<typeof statusCount>)
      : statusCount(db, accountId, criteria, cover);
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

/**
 * A count by status, type or reason from the cells without the domain: the whole quarters of the
 * hours from task_status_quarters, the hours beside them from task_status_cells.
 */
function statusCount(db: Kysely<Database>, accountId: string, criteria: TaskRowCriteria, cover: HourCover) {
  const { slots, hours } = slotCover(cover, HOURS_PER_QUARTER);
  const quarters = db
    .selectFrom('task_status_quarters')
    .where(cellFilter(accountId, criteria))
    .where('quarter', '>=', slots.lo)
    .where('quarter', '<', slots.hi)
    .select(sql<number>`coalesce(sum(n), 0)`.as('n'));
  const beside = db
    .selectFrom('task_status_cells')
    .where(cellFilter(accountId, criteria))
    .where((eb) =>
      hours.length > 0
        ? eb.or(hours.map((range) => eb.and([eb('hour', '>=', range.lo), eb('hour', '<', range.hi)])))
        : sql<SqlBool>`false`,
    )
    .select(sql<number>`coalesce(sum(n), 0)`.as('n'));
  // Typed as the other cell counts are, so the caller adds any of them to the edge rows alike.
  return db
    .selectFrom(quarters.unionAll(beside).as('cells'))
    .select(sql<number>`sum(n)`.as('n')) as unknown as SelectQueryBuilder<
    Database,
    'task_hour_counts',
    { n: number }
  >;
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
