/**
 * How late a seen end may be (docs/sync.md, "Time to finish"): the re-read interval in force for the
 * row, or, when the last call that saw it in flight was sent further back (a busy machine, a follow
 * behind), the time since, so the precision never claims more than was seen. Without such a call
 * (the row was last read in flight by an earlier process) nothing bounds the end: null, unknown.
 */
import 'server-only';

export function finishPrecisionMs(read: {
  intervalMs: number;
  seenInFlightAt: number | undefined;
  now: number;
}): number | null {
  if (read.seenInFlightAt === undefined) return null;
  const precision = Math.max(read.intervalMs, read.now - read.seenInFlightAt);
  // Whole seconds: rows read together then share one value, and upsertTasks one statement.
  return Math.ceil(precision / 1000) * 1000;
}
