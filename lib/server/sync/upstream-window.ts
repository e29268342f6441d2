import 'server-only';
import { isoSeconds } from '@/lib/time-range';

/**
 * The upstream's time rules the sync must respect (docs/upstream-api.md): DescribeRefreshTasks keeps
 * tasks for 3 days and refuses a StartTime earlier than that, checked against its own clock when the
 * call lands; times are UTC to the second, and both ends of a window are inclusive.
 */
const UPSTREAM_RETENTION_MS = 3 * 24 * 60 * 60 * 1000;
/**
 * How far inside retention the oldest read starts: room for the call's way to the upstream and for
 * clocks that disagree a little. Each call recomputes it, so a long read never drifts out of range.
 */
const RETENTION_MARGIN_MS = 10 * 1000;

/** The oldest StartTime the sync may ask for at `nowMs`. */
export function oldestReadable(nowMs: number): number {
  return Math.ceil((nowMs - UPSTREAM_RETENTION_MS + RETENTION_MARGIN_MS) / 1000) * 1000;
}

export const upstreamTime = isoSeconds;

export const PAGE_SIZE = 100;
