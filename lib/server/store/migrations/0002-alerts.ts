import 'server-only';
import { type Kysely, sql } from 'kysely';

/**
 * Alerts (docs/alerts.md): one row per firing of a rule on one group (a domain, or a path prefix of
 * a domain), and one row per message owed to a channel. Kept in the store so a restart, or another
 * instance taking over the sync, neither forgets an open alert nor sends a message twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE alerts (
      id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      account_id   text NOT NULL,
      rule         text NOT NULL,
      reason       text NOT NULL,
      group_key    text COLLATE "C" NOT NULL,
      domain       text COLLATE "C" NOT NULL,
      prefix       text COLLATE "C",
      state        text NOT NULL,
      window_start timestamptz NOT NULL,
      window_end   timestamptz NOT NULL,
      count        integer NOT NULL,
      baseline     real NOT NULL,
      peak_count   integer NOT NULL,
      last_count   integer NOT NULL,
      below_since  timestamptz,
      resolved_at  timestamptz
    )`.execute(db);
  // At most one open alert per rule and group, whatever races: the second insert fails.
  await sql`
    CREATE UNIQUE INDEX alerts_one_open ON alerts (account_id, rule, group_key)
    WHERE state = 'firing'`.execute(db);
  await sql`CREATE INDEX alerts_recent ON alerts (account_id, window_end DESC)`.execute(db);

  await sql`
    CREATE TABLE alert_deliveries (
      alert_id   integer NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
      event      text NOT NULL,
      channel    text NOT NULL,
      status     text NOT NULL,
      attempts   integer NOT NULL DEFAULT 0,
      last_error text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (alert_id, event, channel)
    )`.execute(db);
  await sql`CREATE INDEX alert_deliveries_pending ON alert_deliveries (status) WHERE status = 'pending'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE alert_deliveries`.execute(db);
  await sql`DROP TABLE alerts`.execute(db);
}
