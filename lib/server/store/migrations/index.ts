import 'server-only';
import type { Migration, MigrationProvider } from 'kysely/migration';
import * as tasks from './0001-tasks';
import * as alerts from './0002-alerts';
import * as cells from './0003-cells';

/**
 * Every schema migration, in order. Listed in code rather than read from a folder at run time, so
 * the bundler sees them and the standalone server needs no migration files beside it. Add a new
 * file `000N-name.ts` and a line here; never edit one that has shipped.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001-tasks': tasks,
  '0002-alerts': alerts,
  '0003-cells': cells,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
