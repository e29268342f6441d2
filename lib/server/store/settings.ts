import 'server-only';
import path from 'node:path';

/**
 * Where the store lives and how long it keeps tasks. README's configuration table documents each
 * variable; read once per process.
 */
export interface StoreSettings {
  /** A PostgreSQL server (`postgres://…`), or null for the embedded PGlite under `dataDir`. */
  databaseUrl: string | null;
  /** PGlite's files; `memory://` keeps them in memory only (tests). */
  dataDir: string;
  /** Rows created longer ago than this are pruned, whether or not the upstream still has them. */
  historyDays: number;
}

const DEFAULT_HISTORY_DAYS = 30;

export function readStoreSettings(env: Record<string, string | undefined> = process.env): StoreSettings {
  const days = Number(env.HISTORY_DAYS);
  const dataDir = env.DATA_DIR?.trim() || './data';
  return {
    databaseUrl: env.DATABASE_URL?.trim() || null,
    dataDir: dataDir.startsWith('memory://') ? dataDir : path.resolve(dataDir, 'store'),
    historyDays: env.HISTORY_DAYS && Number.isFinite(days) && days >= 1 ? days : DEFAULT_HISTORY_DAYS,
  };
}
