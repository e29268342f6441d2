import 'server-only';
import { type Kysely, sql } from 'kysely';

/**
 * Signed-out sessions (README.md, "Sign-in and roles"): one row per session id until the session would
 * have ended anyway, so a copy of the cookie is refused by every instance that shares this store.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE revoked_sessions (
      session_id text PRIMARY KEY,
      expires_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX revoked_sessions_expiry ON revoked_sessions (expires_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE revoked_sessions`.execute(db);
}
