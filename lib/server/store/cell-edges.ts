/**
 * For reads that only add counts up (totals, histograms, rankings by count; not first and last
 * creation times): which hours the cells answer and which rows are read beside them, with the sign
 * they count with (docs/sync.md, "Count cells"). An hour the window holds only partly is read from
 * the cheaper side: its rows inside the window are added, or its whole cell is taken and its rows
 * outside the window are subtracted. A window ending now ends in the current hour, which holds no
 * row after now: its end costs no rows at all, instead of up to an hour of them.
 */
import 'server-only';
import { type Kysely, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { ResolvedWindow } from '@/lib/time-range';
import { HOUR_MS, type HourCover } from './cell-cover';
import type { Database } from './schema';
import { type TaskRowCriteria, taskRowCondition } from './task-row-condition';

/** Rows created from `from` to `to` (each end included or not), counted `sign` times each. */
export interface EdgeRange {
  from: number;
  fromIncluded: boolean;
  to: number;
  toIncluded: boolean;
  sign: 1 | -1;
}

/**
 * The hours whose cells count for the window (lo may lie before its start, hi after its end), each
 * partial edge hour taken whole when fewer of its rows lie outside the window than inside. Rows are
 * assumed evenly spread over the time that can hold them: up to `nowMs`, since none is created later.
 */
export function summedCover(window: ResolvedWindow, nowMs: number = Date.now()): HourCover {
  const first = Math.floor(window.startMs / HOUR_MS);
  const outsideBefore = window.startMs - first * HOUR_MS;
  const insideFirst = (first + 1) * HOUR_MS - window.startMs;
  const lo = outsideBefore <= insideFirst ? first : first + 1;
  const last = Math.floor(window.endMs / HOUR_MS);
  const insideLast = window.endMs - last * HOUR_MS;
  const outsideAfter = Math.max(0, Math.min((last + 1) * HOUR_MS, nowMs) - window.endMs);
  const hi = outsideAfter < insideLast ? last + 1 : last;
  return lo < hi ? { lo, hi } : { lo: 0, hi: 0 };
}

/**
 * The rows to read beside a cover of the window: always two ranges (the start's side, then the
 * end's), either possibly empty, so a read is a union of two index ranges of one shape. Rows inside
 * the window and outside the cover count +1; rows inside the cover and outside the window, −1.
 */
export function edgeRanges(window: ResolvedWindow, cover: HourCover): [EdgeRange, EdgeRange] {
  const { startMs, endMs } = window;
  const nothing = { from: endMs, fromIncluded: false, to: endMs, toIncluded: false, sign: 1 } as const;
  if (cover.lo >= cover.hi) {
    return [{ from: startMs, fromIncluded: true, to: endMs, toIncluded: true, sign: 1 }, nothing];
  }
  const lo = cover.lo * HOUR_MS;
  const hi = cover.hi * HOUR_MS;
  return [
    lo <= startMs
      ? { from: lo, fromIncluded: true, to: startMs, toIncluded: false, sign: -1 }
      : { from: startMs, fromIncluded: true, to: lo, toIncluded: false, sign: 1 },
    hi > endMs
      ? { from: endMs, fromIncluded: false, to: hi, toIncluded: false, sign: -1 }
      : { from: hi, fromIncluded: true, to: endMs, toIncluded: true, sign: 1 },
  ];
}

/** Selects what a read needs of one range's rows; `sign` is the count each row stands for. */
export type EdgeSelect<O> = (
  rows: SelectQueryBuilder<Database, 'tasks', object>,
  sign: RawBuilder<number>,
) => SelectQueryBuilder<Database, 'tasks', O>;

/** The view's rows in both edge ranges, each selected by `select` with its sign. */
export function edgeRows<O>(
  db: Kysely<Database>,
  accountId: string,
  query: TaskRowCriteria,
  ranges: readonly [EdgeRange, EdgeRange],
  select: EdgeSelect<O>,
): SelectQueryBuilder<Database, 'tasks', O> {
  const [before, after] = ranges;
  return select(edgeRangeRows(db, accountId, query, before), sql.lit(before.sign)).unionAll(
    select(edgeRangeRows(db, accountId, query, after), sql.lit(after.sign)),
  );
}

/** The view's rows in one edge range (the view's filters, the range's creation times). */
function edgeRangeRows(
  db: Kysely<Database>,
  accountId: string,
  query: TaskRowCriteria,
  range: EdgeRange,
): SelectQueryBuilder<Database, 'tasks', object> {
  // taskRowCondition holds both ends; an end the range leaves out is made strict on top.
  return db
    .selectFrom('tasks')
    .where(taskRowCondition(accountId, query, { startMs: range.from, endMs: range.to, clamped: false }))
    .$if(!range.fromIncluded, (rows) => rows.where('tasks.created_at', '>', new Date(range.from)))
    .$if(!range.toIncluded, (rows) => rows.where('tasks.created_at', '<', new Date(range.to)));
}
