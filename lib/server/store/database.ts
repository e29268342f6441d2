import 'server-only';
import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { peekProcessSingleton, processSingleton, setProcessSingleton } from '@/lib/node/process-singleton';
import { logger } from '../logger';
import { migrationProvider } from './migrations';
import { PGliteDialect } from './pglite-dialect';
import type { Database } from './schema';
import { readStoreSettings, type StoreSettings } from './settings';
import type { WriteClock } from './unchanged-reads';

/**
 * The store: the account's tasks and the sync's state, in PostgreSQL when DATABASE_URL is set (needed
 * for several instances), else in PGlite embedded in this process, persisted under DATA_DIR. Both run
 * the same migrations and the same SQL through Kysely. Opened once per process.
 */
export interface Store {
  db: Kysely<Database>;
  engine: 'pglite' | 'postgres';
  /** The server's URL when on PostgreSQL (the sync's leader lock needs its own connection). */
  databaseUrl: string | null;
  settings: StoreSettings;
  /** PGlite's count of statements that may write (unchanged-reads.ts); null on PostgreSQL. */
  writeClock: WriteClock | null;
  close(): Promise<void>;
}

export async function openStore(settings: StoreSettings = readStoreSettings()): Promise<Store> {
  const store = settings.databaseUrl ? await openPostgres(settings) : await openPGlite(settings);
  await migrate(store.db);
  return store;
}

async function openPostgres(settings: StoreSettings): Promise<Store> {
  const { Pool } = await import('pg');
  const pool = new Pool({ connectionString: settings.databaseUrl ?? undefined, max: 10 });
  // An idle client's error (the server restarted) must not crash the process; the pool replaces it.
  pool.on('error', (error) => logger().warn({ err: error.message }, 'store connection lost'));
  // No parallel plans and no JIT on the store's connections (docs/sync.md, "Reads on PostgreSQL"):
  // every read is a few index ranges of cells and edge rows, where starting workers or compiling
  // expressions costs more than it saves. Estimates of "all days before the window" ranges pass the
  // JIT's cost threshold, and compiling took 50–100 ms of a month's summary at 3,000,000 rows;
  // parallel workers made it three to four times slower under load. Set per connection rather than
  // through the URL's `options`, which a pooler such as PgBouncer may refuse; queued before the
  // connection's first query.
  pool.on('connect', (client) => {
    client.query('SET max_parallel_workers_per_gather = 0; SET jit = off').catch((error: Error) => {
      logger().warn({ err: error.message }, 'store connection setting refused');
    });
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    databaseUrl: settings.databaseUrl,
    settings,
    writeClock: null,
    close: () => db.destroy(),
  };
}

async function openPGlite(settings: StoreSettings): Promise<Store> {
  const [{ PGlite }, { pg_trgm }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
  ]);
  const inMemory = settings.dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(settings.dataDir, { recursive: true });
  const pglite = await PGlite.create(inMemory ? undefined : settings.dataDir, { extensions: { pg_trgm } });
  const dialect = new PGliteDialect(pglite);
  const db = new Kysely<Database>({ dialect });
  return {
    db,
    engine: 'pglite',
    databaseUrl: null,
    settings,
    writeClock: dialect.writes,
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

async function migrate(db: Kysely<Database>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  for (const result of results ?? []) {
    if (result.status === 'Success') logger().info({ migration: result.migrationName }, 'store migrated');
  }
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

/**
 * The process's store, opened on first use. Kept on globalThis: the bundler may load this module
 * more than once, and PGlite must not open its data directory twice.
 */
export function store(): Promise<Store> {
  return processSingleton('store', () => {
    const opening = openStore();
    // A failed open is retried by the next caller rather than cached for ever.
    opening.catch(() => {
      if (peekProcessSingleton('store') === opening) setProcessSingleton('store', undefined);
    });
    return opening;
  });
}
