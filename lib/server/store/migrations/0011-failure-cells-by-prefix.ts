/**
 * Triage reads the failure cells of its top Origin Timeout prefixes only, once they are ranked
 * (docs/sync.md, "Count cells"): this index finds one prefix's cells of a window without reading
 * every failure cell of the window, as the primary key (hour first) would.
 */
import 'server-only';
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX task_failure_cells_by_prefix ON task_failure_cells (account_id, reason, prefix, hour)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX task_failure_cells_by_prefix`.execute(db);
}
