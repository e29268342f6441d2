/**
 * "In flight" in the store's SQL, derived from the one list of statuses a task leaves
 * (IN_FLIGHT_STATUSES, lib/task.ts): the partial index the follow reads (migrations/0001), the count
 * cells' triggers (migrations/0003) and their check, the summary reads and the upsert that stamps a
 * row's end all say it through here.
 */
import 'server-only';
import { IN_FLIGHT_STATUSES } from '@/lib/task';

// Fixed identifiers without quotes, so inlining them as SQL literals is safe.
const LITERALS = IN_FLIGHT_STATUSES.map((status) => `'${status}'`).join(', ');

/** `<column> IN ('Pending', 'Refreshing')`, as SQL text (wrap in sql.raw inside a Kysely query). */
export function inFlightCondition(column = 'status'): string {
  return `${column} IN (${LITERALS})`;
}

/** A row's in-flight progress bin, 0–9 in tenths as the summary bins it; -1 when not in flight. */
export const IN_FLIGHT_PROGRESS_BIN = `CASE WHEN ${inFlightCondition()} THEN least(9, floor(progress / 10))::int ELSE -1 END`;
