import 'server-only';
import { type Kysely, sql } from 'kysely';

/**
 * Two records that keep the store honest about whose data it holds and what it spends:
 * - store_identity: what each account id of the store mirrors (docs/store-identity.md), the Alibaba
 *   Cloud account STS named, or, where STS could not be reached, the endpoint and (a hash of) the
 *   AccessKeyId. Start-up compares it with what is configured now and refuses another account's key.
 * - resource_group_asks: who first asked for a resource group the store did not know, and when
 *   (docs/sync.md, "Resource groups"): each user may have only so many new groups looked up an hour.
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
  await sql`
    CREATE TABLE resource_group_asks (
      account_id        text NOT NULL,
      asked_by          text NOT NULL,
      resource_group_id text NOT NULL,
      asked_at          timestamptz NOT NULL,
      PRIMARY KEY (account_id, asked_by, resource_group_id)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE resource_group_asks`.execute(db);
  await sql`DROP TABLE store_identity`.execute(db);
}
