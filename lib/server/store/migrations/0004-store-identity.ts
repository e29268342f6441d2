import 'server-only';
import { type Kysely, sql } from 'kysely';

/**
 * What each account id of the store mirrors (docs/store-identity.md): the Alibaba Cloud account STS
 * named, or, where STS could not be reached, the endpoint and (a hash of) the AccessKeyId. Start-up
 * compares it with what is configured now and refuses another account's key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE store_identity (
      account_id       text PRIMARY KEY,
      cloud_account_id text,
      endpoint         text NOT NULL,
      access_key_hash  text,
      access_key_hint  text,
      recorded_at      timestamptz NOT NULL,
      verified_at      timestamptz NOT NULL
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE store_identity`.execute(db);
}
