import 'server-only';
import { type Kysely, sql } from 'kysely';

/**
 * API tokens (docs/tokens.md): one row per token, holding the SHA-256 of its secret (never the
 * secret), its scope and limits, who made it and whether it was revoked. Revoked and expired rows
 * stay, so the list can still name them.
 *
 * Submissions (docs/activity.md): one row per refresh, prefetch or resubmission made through the
 * dashboard, by a user or a token, with the upstream's answer; /activity reads how its tasks ended
 * from the task rows. Kept HISTORY_DAYS, as the tasks.
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

  await sql`
    CREATE TABLE submissions (
      id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      account_id    text COLLATE "C" NOT NULL,
      submitted_at  timestamptz NOT NULL,
      source        text NOT NULL,
      actor         text NOT NULL,
      actor_kind    text NOT NULL,
      subject       text NOT NULL,
      object_type   text NOT NULL,
      domains       jsonb NOT NULL,
      paths         jsonb NOT NULL,
      path_count    integer NOT NULL,
      task_ids      jsonb NOT NULL,
      failures      jsonb NOT NULL,
      not_attempted integer NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX submissions_recent ON submissions (account_id, submitted_at DESC)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE submissions`.execute(db);
  await sql`DROP TABLE api_tokens`.execute(db);
}
