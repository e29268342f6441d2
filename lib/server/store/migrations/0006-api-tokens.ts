import 'server-only';
import { type Kysely, sql } from 'kysely';

/**
 * API tokens (docs/tokens.md): one row per token, holding the SHA-256 of its secret (never the
 * secret), its scope and limits, who made it and whether it was revoked. Revoked and expired rows
 * stay, so the activity of a token can still name it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE api_tokens (
      id              text COLLATE "C" PRIMARY KEY,
      secret_hash     text COLLATE "C" NOT NULL UNIQUE,
      name            text NOT NULL,
      scope           text NOT NULL,
      accounts        jsonb,
      paths           jsonb,
      created_by      text NOT NULL,
      created_by_name text NOT NULL,
      created_at      timestamptz NOT NULL,
      expires_at      timestamptz NOT NULL,
      revoked_at      timestamptz,
      last_used_at    timestamptz
    )`.execute(db);
  await sql`CREATE INDEX api_tokens_creator ON api_tokens (created_by, created_at DESC)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE api_tokens`.execute(db);
}
