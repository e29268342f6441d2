/**
 * Which part of a time window count cells can answer (docs/sync.md, "Count cells"): the whole hours
 * inside it (and, for two-level cells, the whole UTC days inside those), the rest — the partial
 * hours at its edges — from rows. Also which filters cells can answer at all.
 */
import 'server-only';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from './schema';
import type { TaskRowCriteria } from './task-row-condition';

export const HOUR_MS = 3_600_000;
const HOURS_PER_DAY = 24;

/** A window of creation times: from `startMs` (exclusive when `startExclusive`) to `endMs`, inclusive. */
export interface CountWindow {
  startMs: number;
  endMs: number;
  startExclusive?: boolean;
}

export interface HourCover {
  /** Whole hours [lo, hi) lie inside the window (empty when lo >= hi). */
  lo: number;
  hi: number;
}

/**
 * The whole hours inside a window. An hour is whole when every instant of it is in the window: its
 * first instant at or after the start (after, for an exclusive start) and its last before or at the end.
 */
export function hourCover(window: CountWindow): HourCover {
  const lo = window.startExclusive
    ? Math.floor(window.startMs / HOUR_MS) + 1
    : Math.ceil(window.startMs / HOUR_MS);
  const hi = Math.floor(window.endMs / HOUR_MS);
  return lo < hi ? { lo, hi } : { lo: 0, hi: 0 };
}

/** Two levels: whole days inside the whole hours, and the hours left over at either side of them. */
export function dayCover(cover: HourCover): { days: HourCover; hours: HourCover[] } {
  const { slots, hours } = slotCover(cover, HOURS_PER_DAY);
  return { days: slots, hours };
}

/**
 * Two levels for any slot of `hoursPerSlot` hours (numbered from the epoch, as hours are): the whole
 * slots inside the whole hours, and the hours left over at either side of them.
 */
export function slotCover(cover: HourCover, hoursPerSlot: number): { slots: HourCover; hours: HourCover[] } {
  const slotLo = Math.ceil(cover.lo / hoursPerSlot);
  const slotHi = Math.floor(cover.hi / hoursPerSlot);
  if (slotLo >= slotHi) return { slots: { lo: 0, hi: 0 }, hours: cover.lo < cover.hi ? [cover] : [] };
  return {
    slots: { lo: slotLo, hi: slotHi },
    hours: [
      { lo: cover.lo, hi: slotLo * hoursPerSlot },
      { lo: slotHi * hoursPerSlot, hi: cover.hi },
    ].filter((range) => range.lo < range.hi),
  };
}

/** Hours of a task_status_quarters slot. */
export const HOURS_PER_QUARTER = 6;

/** True when only filters cells are keyed by are set (`q`, `path`, `task` and `rg` read rows). */
export function cellsAnswer(query: TaskRowCriteria): boolean {
  return !query.q && !query.path && !query.task && !query.rg;
}

/** The rows of a window that its cells do not cover (to be added to the cells' counts). */
export function outsideCover(cover: HourCover) {
  return (eb: ExpressionBuilder<Database, 'tasks'>): Expression<SqlBool> =>
    cover.lo >= cover.hi
      ? sql<SqlBool>`true`
      : eb.or([
          eb('tasks.created_at', '<', new Date(cover.lo * HOUR_MS)),
          eb('tasks.created_at', '>=', new Date(cover.hi * HOUR_MS)),
        ]);
}

/** The hour of a row's creation, as the cells number hours. */
export const rowHour = sql<number>`floor(extract(epoch FROM tasks.created_at) / 3600)::int`;

type CellTable =
  | 'task_cells'
  | 'task_status_cells'
  | 'task_status_quarters'
  | 'task_prefix_cells'
  | 'task_duration_cells';

/** The view's status, type, domain and reason filters over a cell table ('' is "no reason"). */
export function cellFilter<T extends CellTable>(accountId: string, query: TaskRowCriteria) {
  return (eb: ExpressionBuilder<Database, T>): Expression<SqlBool> => {
    const e = eb as unknown as ExpressionBuilder<Database, CellTable>;
    const conditions: Array<Expression<SqlBool>> = [e('account_id', '=', accountId)];
    if (query.status.length > 0) conditions.push(e('status', 'in', query.status));
    if (query.type.length > 0) conditions.push(e('object_type', 'in', query.type));
    if (query.domain.length > 0) conditions.push(e('domain', 'in', query.domain));
    if (query.reason.length > 0) conditions.push(e('reason', 'in', query.reason));
    return e.and(conditions);
  };
}
