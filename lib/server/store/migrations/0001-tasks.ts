import 'server-only';
import { type Kysely, sql } from 'kysely';
import { inFlightCondition } from '../in-flight-sql';

/**
 * The task rows and the sync's bookkeeping. Plain SQL, the same on PGlite and PostgreSQL. Text that
 * is sorted or compared (`task_id`, `object_path`) uses the "C" collation: byte order, as the
 * dashboard's JavaScript compares strings, whatever the server's locale.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  await sql`
    CREATE TABLE tasks (
      account_id  text COLLATE "C" NOT NULL,
      task_id     text COLLATE "C" NOT NULL,
      object_path text COLLATE "C" NOT NULL,
      object_type text NOT NULL,
      status      text NOT NULL,
      progress    real NOT NULL,
      created_at  timestamptz NOT NULL,
      domain      text COLLATE "C" NOT NULL,
      prefix      text COLLATE "C" NOT NULL,
      description text,
      reason      text,
      changed_at  timestamptz NOT NULL,
      PRIMARY KEY (account_id, task_id, object_path)
    )`.execute(db);
  // Newest first with the tie-break, exactly the ORDER BY of every list: a page is an index walk.
  await sql`
    CREATE INDEX tasks_newest
    ON tasks (account_id, created_at DESC, length(task_id) DESC, task_id DESC, object_path)`.execute(db);
  await sql`CREATE INDEX tasks_domain ON tasks (account_id, domain, created_at DESC)`.execute(db);
  await sql`CREATE INDEX tasks_status ON tasks (account_id, status, created_at DESC)`.execute(db);
  await sql`CREATE INDEX tasks_reason ON tasks (account_id, reason, created_at DESC) WHERE reason IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX tasks_path ON tasks (account_id, object_path)`.execute(db);
  // `q`: substring search over object paths, case-insensitive, through trigrams.
  await sql`CREATE INDEX tasks_path_trgm ON tasks USING gin (lower(object_path) gin_trgm_ops)`.execute(db);
  await sql`
    CREATE INDEX tasks_in_flight ON tasks (account_id, created_at)
    WHERE ${sql.raw(inFlightCondition())}`.execute(db);

  await sql`
    CREATE TABLE sync_state (
      account_id        text PRIMARY KEY,
      backfill_from     timestamptz NOT NULL,
      backfill_cursor   timestamptz NOT NULL,
      backfill_done     boolean NOT NULL DEFAULT false,
      backfill_estimate integer,
      head_mark         timestamptz,
      synced_at         timestamptz,
      last_error        text,
      last_error_at     timestamptz,
      stats             jsonb NOT NULL DEFAULT '{}'::jsonb,
      leader            text,
      heartbeat_at      timestamptz,
      reconcile_slice   integer NOT NULL DEFAULT 0
    )`.execute(db);

  await sql`
    CREATE TABLE resource_group_domains (
      account_id        text NOT NULL,
      resource_group_id text NOT NULL,
      domain            text COLLATE "C" NOT NULL,
      member            boolean NOT NULL,
      checked_at        timestamptz NOT NULL,
      PRIMARY KEY (account_id, resource_group_id, domain)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE resource_group_domains`.execute(db);
  await sql`DROP TABLE sync_state`.execute(db);
  await sql`DROP TABLE tasks`.execute(db);
}
