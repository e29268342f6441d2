/**
 * The store's record of what each of its account ids mirrors (docs/store-identity.md), and the
 * store described for an operator: which DATA_DIR or database, its password masked.
 */
import 'server-only';
import { type Kysely, sql } from 'kysely';
import type { Store } from './database';
import type { Database } from './schema';

/** What an account id of the store mirrors, or is now configured to mirror. */
export interface MirroredIdentity {
  /** The Alibaba Cloud account from STS GetCallerIdentity; null where STS could not say. */
  cloudAccountId: string | null;
  /** The CDN endpoint's origin. */
  endpoint: string;
  /** SHA-256 of the AccessKeyId; null when no key could be read. */
  accessKeyHash: string | null;
  /** The AccessKeyId masked for messages (`LTAI…w9E`). */
  accessKeyHint: string | null;
}

export interface RecordedIdentity extends MirroredIdentity {
  recordedAt: number;
}

export async function readRecordedIdentity(
  db: Kysely<Database>,
  accountId: string,
): Promise<RecordedIdentity | null> {
  const row = await db
    .selectFrom('store_identity')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    cloudAccountId: row.cloud_account_id,
    endpoint: row.endpoint,
    accessKeyHash: row.access_key_hash,
    accessKeyHint: row.access_key_hint,
    recordedAt: new Date(row.recorded_at).getTime(),
  };
}

/**
 * Records the identity: `replace` starts the record over (a new account, or an empty part taken
 * over); otherwise the same account's newer details (a rotated key, an account id STS named for a
 * record made by key) are kept and the recording date stays.
 */
export async function recordIdentity(
  db: Kysely<Database>,
  accountId: string,
  identity: MirroredIdentity,
  nowMs: number,
  replace: boolean,
): Promise<void> {
  const at = new Date(nowMs);
  const values = {
    account_id: accountId,
    cloud_account_id: identity.cloudAccountId,
    endpoint: identity.endpoint,
    access_key_hash: identity.accessKeyHash,
    access_key_hint: identity.accessKeyHint,
    recorded_at: at,
    verified_at: at,
  };
  await db
    .insertInto('store_identity')
    .values(values)
    .onConflict((conflict) =>
      conflict.column('account_id').doUpdateSet((eb) => ({
        cloud_account_id: replace
          ? values.cloud_account_id
          : eb.fn.coalesce(eb.val(values.cloud_account_id), eb.ref('store_identity.cloud_account_id')),
        endpoint: values.endpoint,
        access_key_hash: values.access_key_hash,
        access_key_hint: values.access_key_hint,
        recorded_at: replace ? at : eb.ref('store_identity.recorded_at'),
        verified_at: at,
      })),
    )
    .execute();
}

/** Every table of the store with an `account_id` column: what one account's part of the store is. */
export async function accountTables(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    SELECT DISTINCT table_name FROM information_schema.columns
    WHERE column_name = 'account_id' AND table_schema = current_schema()
    ORDER BY table_name`.execute(db);
  return rows.map((row) => row.table_name);
}

/** Whether the account has anything in the store besides its identity record. */
export async function accountHoldsData(db: Kysely<Database>, accountId: string): Promise<boolean> {
  for (const table of await accountTables(db)) {
    if (table === 'store_identity') continue;
    const { rows } =
      await sql`SELECT 1 FROM ${sql.table(table)} WHERE account_id = ${accountId} LIMIT 1`.execute(db);
    if (rows.length > 0) return true;
  }
  return false;
}

/**
 * Empties the account's part of the store in one transaction: every table with an `account_id`
 * column (tasks, sync state, resource groups, alerts and what hangs off them, cells, the identity
 * record), found by name so a table added later is emptied too. Answers the rows removed per table.
 */
export async function resetAccount(db: Kysely<Database>, accountId: string): Promise<Record<string, number>> {
  // The task rows go first: their triggers take them out of the count cells while the cells are
  // still there (emptied first, the cells would be left holding the rows' negatives).
  const tables = (await accountTables(db)).sort((a, b) => Number(b === 'tasks') - Number(a === 'tasks'));
  return db.transaction().execute(async (trx) => {
    const removed: Record<string, number> = {};
    for (const table of tables) {
      const result = await sql`DELETE FROM ${sql.table(table)} WHERE account_id = ${accountId}`.execute(trx);
      removed[table] = Number(result.numAffectedRows ?? 0);
    }
    return removed;
  });
}

/** The store as an operator knows it: `DATA_DIR (/srv/data/store)` or the database URL, password masked. */
export function describeStore(store: Pick<Store, 'engine' | 'databaseUrl' | 'settings'>): string {
  if (store.engine === 'pglite') return `the store in DATA_DIR (${store.settings.dataDir})`;
  return `the database DATABASE_URL (${maskedDatabaseUrl(store.databaseUrl ?? '')})`;
}

/** Query keys that may carry a secret: the pg driver takes `?password=` (and `sslpassword`) as well. */
const SECRET_QUERY_KEY = /pass|secret|token/i;

export function maskedDatabaseUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '****';
    for (const key of [...new Set(url.searchParams.keys())]) {
      if (SECRET_QUERY_KEY.test(key)) url.searchParams.set(key, '****');
    }
    return url.toString();
  } catch {
    return 'an unparseable URL';
  }
}
