/**
 * Housekeeping the embedded store needs and PostgreSQL does by itself. PGlite runs no autovacuum, so
 * without this its visibility map stays empty and every count walks the table's rows instead of the
 * index alone (measured at 30,000 rows: a count 43 → 6 ms, a grouped count 125 → 21 ms), and the
 * planner works from no statistics. The sync calls it when enough rows have changed.
 */
import 'server-only';
import { sql } from 'kysely';
import type { Store } from './database';

/** Changed rows after which the embedded store is tidied. */
export const TIDY_AFTER_ROWS = 5_000;
/** Tidying holds the embedded store for about a second at 100,000 rows: not more often than this. */
export const TIDY_MIN_INTERVAL_MS = 60_000;

/** True when this engine needs the sync to tidy it. */
export function needsTidying(store: Pick<Store, 'engine'>): boolean {
  return store.engine === 'pglite';
}

export async function tidyStore(store: Pick<Store, 'db' | 'engine'>): Promise<void> {
  if (!needsTidying(store)) return;
  // Every table the triggers write: each read of cells wants their statistics and visibility map.
  await sql`VACUUM ANALYZE tasks, task_counts, task_hour_counts, task_cells, task_status_cells,
    task_status_quarters, task_domain_days, task_prefix_cells, task_prefix_totals, task_failure_cells,
    task_duration_cells, task_duration_type_cells, task_duration_slot_cells,
    task_duration_days, task_duration_type_slots`.execute(store.db);
}
