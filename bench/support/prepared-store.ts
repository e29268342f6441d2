/**
 * A PGlite store the bench prepares on disk before a dashboard opens it (DATA_DIR): migrated, then
 * whatever the bench does to it first (filled, or its count-cell triggers switched off), and closed,
 * since PGlite lets one process at a time hold a store. Removed when the bench is done with it.
 */
import './server-modules';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Store } from '../../lib/server/store/database';
import type { Database } from '../../lib/server/store/schema';

export interface PreparedStore {
  /** The dashboard's DATA_DIR (the store is its `store` folder, as the server settings place it). */
  dataDir: string;
  /** Opens the store again (after the dashboard has stopped) for what `read` wants of it. */
  read<T>(read: (db: Kysely<Database>) => Promise<T>): Promise<T>;
  remove(): void;
}

async function withStore<T>(dataDir: string, use: (store: Store) => Promise<T>): Promise<T> {
  // The store's own progress (each migration applied) is not the bench's to print.
  process.env.LOG_LEVEL ??= 'warn';
  const { openStore } = await import('../../lib/server/store/database');
  const store = await openStore({ databaseUrl: null, dataDir: join(dataDir, 'store'), historyDays: 31 });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

export async function prepareStore(
  prefix: string,
  prepare: (store: Store) => Promise<void>,
): Promise<PreparedStore> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  try {
    await withStore(dataDir, prepare);
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    dataDir,
    read: (read) => withStore(dataDir, (store) => read(store.db)),
    remove: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}
