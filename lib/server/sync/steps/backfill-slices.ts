/**
 * How the backfill cuts the retention window into slices, newest first (docs/sync.md, "The sync"):
 * a small first slice, so the newest tasks land at once, then slices sized from the density of the
 * last one for about SLICE_TARGET_ROWS rows, so a quiet account needs few and a busy one none too long.
 */
import 'server-only';
import { PAGE_SIZE } from '../upstream-window';

const MINUTE = 60_000;
export const FIRST_SLICE_MS = 10 * MINUTE;
export const SLICE_TARGET_ROWS = 20 * PAGE_SIZE;
export const MAX_SLICE_MS = 24 * 60 * MINUTE;

/** The slice below `cursor`, `lengthMs` long, never reaching past the retention `edge`. */
export function sliceBelow(cursor: number, edge: number, lengthMs: number): { lo: number; hi: number } {
  return { lo: Math.max(edge, cursor - lengthMs), hi: cursor };
}

/** The length of the next slice, from how many rows the last one held over how long. */
export function nextSliceMs(rows: number, spanMs: number): number {
  const density = rows / Math.max(1, spanMs);
  return Math.min(
    MAX_SLICE_MS,
    Math.max(FIRST_SLICE_MS, density > 0 ? SLICE_TARGET_ROWS / density : MAX_SLICE_MS),
  );
}
