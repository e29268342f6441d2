import 'server-only';
import { type Kysely, sql } from 'kysely';

/**
 * When each task was first seen ended (docs/sync.md, "Time to finish"): `finished_at` is the sync's
 * clock at the upsert that turned the row from in flight (Pending, Refreshing) to ended, and
 * `finished_precision_ms` the re-read interval in force for that row then, so the true end lies in
 * (finished_at − precision, finished_at]. Both are NULL while the row is in flight and for rows first
 * seen already ended (the backfill, a late reconcile): unknown, not a guess. Existing rows get NULL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE tasks
      ADD COLUMN finished_at timestamptz NULL,
      ADD COLUMN finished_precision_ms integer NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE tasks DROP COLUMN finished_precision_ms, DROP COLUMN finished_at`.execute(db);
}
