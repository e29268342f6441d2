import 'server-only';
import type { Migration, MigrationProvider } from 'kysely/migration';
import * as tasks from './0001-tasks';
import * as alerts from './0002-alerts';
import * as cells from './0003-cells';
import * as identityAndGroupAsks from './0004-identity-and-group-asks';
import * as sessionRevocations from './0005-session-revocations';
import * as tokensAndActivity from './0006-tokens-and-activity';
import * as finishTimes from './0007-finish-times';
import * as durationCells from './0008-duration-cells';
import * as coarseCells from './0009-coarse-cells';
import * as insertCellsWithoutSweep from './0010-insert-cells-without-sweep';
import * as failureCellsByPrefix from './0011-failure-cells-by-prefix';
import * as tokenMakerEntry from './0012-token-maker-entry';
import * as durationDays from './0013-duration-days';

/**
 * Every schema migration, in order. Listed in code rather than read from a folder at run time, so
 * the bundler sees them and the standalone server needs no migration files beside it. Add a new
 * file `000N-name.ts` and a line here; never edit one that has shipped.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001-tasks': tasks,
  '0002-alerts': alerts,
  '0003-cells': cells,
  '0004-identity-and-group-asks': identityAndGroupAsks,
  '0005-session-revocations': sessionRevocations,
  '0006-tokens-and-activity': tokensAndActivity,
  '0007-finish-times': finishTimes,
  '0008-duration-cells': durationCells,
  '0009-coarse-cells': coarseCells,
  '0010-insert-cells-without-sweep': insertCellsWithoutSweep,
  '0011-failure-cells-by-prefix': failureCellsByPrefix,
  '0012-token-maker-entry': tokenMakerEntry,
  '0013-duration-days': durationDays,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
