/**
 * 0003's insert trigger without its sweep for emptied cells (docs/sync.md, "Count cells"). Rows only
 * added raise counts, so no cell reaches 0 and the six DELETE … WHERE n = 0 steps (each reading the
 * statement's rows again) find nothing on an insert. The updated and deleted triggers keep theirs.
 * The function is replaced in place (CREATE OR REPLACE), so the trigger that calls it stays as it is;
 * the same SQL runs on PGlite and PostgreSQL. The upserts are 0003's, unchanged.
 */
import 'server-only';
import { type Kysely, sql } from 'kysely';
import { countCellSweeps, countCellUpserts, signedRows } from './cell-trigger-sql';

const COLUMNS = 'account_id, status, object_type, reason, domain, prefix, progress, created_at';

/** Every cell upsert of 0003 for the rows of `delta` (each with d = +1), and no sweep. */
function addRows(delta: string): string {
  const upserts = countCellUpserts(delta, { boundsNote: false });
  return `
    ${upserts.counts}

    ${upserts.hours}

    ${upserts.cells}

    ${upserts.statusCells}

    ${upserts.prefixTotals}

    ${upserts.prefixCells}

    ${upserts.failureCells}
  `;
}

/** 0003's sweep after the upserts: each cell table's cells at 0 in the hours (or prefixes) touched. */
function sweep(delta: string): string {
  const sweeps = countCellSweeps(delta);
  return `
    ${sweeps.hours}
    ${sweeps.cells}
    ${sweeps.statusCells}
    ${sweeps.prefixTotals}
    ${sweeps.prefixCells}
  `;
}

const INSERTED = signedRows(COLUMNS).inserted;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
    CREATE OR REPLACE FUNCTION tasks_cells_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${addRows(INSERTED)} RETURN NULL; END $$`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
    CREATE OR REPLACE FUNCTION tasks_cells_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${addRows(INSERTED)} ${sweep(INSERTED)} RETURN NULL; END $$`)
    .execute(db);
}
