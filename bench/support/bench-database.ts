/**
 * The store a bench measures, on the engine it names: a throwaway PostgreSQL cluster with a database
 * of its own, or PGlite in a temporary folder; either is gone when the bench is done with it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, startPostgres } from '../../testing/postgres-server';

export type BenchEngine = 'PGlite' | 'PostgreSQL';

export interface BenchDatabase {
  /** PostgreSQL's URL; null on PGlite. */
  databaseUrl: string | null;
  /** PGlite's temporary folder; null on PostgreSQL. */
  dataDir: string | null;
}

export async function withBenchDatabase(
  engine: BenchEngine,
  names: { database: string; dirPrefix: string },
  use: (database: BenchDatabase) => Promise<void>,
): Promise<void> {
  const postgres = engine === 'PostgreSQL' ? await startPostgres({ database: 'bench' }) : null;
  const dataDir = engine === 'PGlite' ? mkdtempSync(join(tmpdir(), names.dirPrefix)) : null;
  try {
    const databaseUrl = postgres ? await createDatabase(postgres.url, names.database) : null;
    await use({ databaseUrl, dataDir });
  } finally {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await postgres?.stop();
  }
}
