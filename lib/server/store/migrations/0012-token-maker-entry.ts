/**
 * Which users-file entry made each API token (docs/tokens.md, "Whose token it is"): a token stops
 * when its maker's entry is no longer that one, so a user removed and added again under the same
 * name does not get the old tokens back. Tokens made before this column are bound at their first use.
 */
import 'server-only';
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE api_tokens ADD COLUMN maker_entry text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE api_tokens DROP COLUMN maker_entry`.execute(db);
}
