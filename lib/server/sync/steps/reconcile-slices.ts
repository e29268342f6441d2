/**
 * Which slice the reconcile compares next (docs/sync.md, "The sync"): it walks the window from the
 * head mark (less the head poll's overlap, which the head poll reads again anyway) down to the
 * retention edge in RECONCILE_SLICE_MS slices, newest first, one a step, and starts again at the top.
 * The window shrinks and grows with time, so the saved position is taken modulo the slices there are.
 */
import 'server-only';

export const RECONCILE_SLICE_MS = 3 * 60 * 60_000;

export interface ReconcileSlice {
  /** The slice's place from the top: 0 starts a new round. */
  index: number;
  /** Where the next step picks up. */
  next: number;
  /** The slice's bounds (ms, both inclusive; the top on a whole second); empty when hi <= lo. */
  lo: number;
  hi: number;
}

export function reconcileSliceAt(position: number, top: number, edge: number): ReconcileSlice {
  const slices = Math.max(1, Math.ceil((top - edge) / RECONCILE_SLICE_MS));
  const index = position % slices;
  const hi = Math.floor((top - index * RECONCILE_SLICE_MS) / 1000) * 1000;
  const lo = Math.max(edge, hi - RECONCILE_SLICE_MS);
  return { index, next: (index + 1) % slices, lo, hi };
}
