/**
 * How late a seen end may be (docs/sync.md, "Time to finish"): the re-read interval in force for the
 * row, or, when its last read lies further back (a busy machine, a follow behind), the time since that
 * read, so the precision never claims more than was seen.
 */
import 'server-only';

export function finishPrecisionMs(read: { intervalMs: number; lastReadAt: number; now: number }): number {
  const precision =
    read.lastReadAt > 0 ? Math.max(read.intervalMs, read.now - read.lastReadAt) : read.intervalMs;
  // Whole seconds: rows read together then share one value, and upsertTasks one statement.
  return Math.ceil(precision / 1000) * 1000;
}
