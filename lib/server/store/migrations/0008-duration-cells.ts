/**
 * Duration cells (docs/sync.md, "Time to finish"): per account and UTC creation hour, per status,
 * type, reason ('' for none), domain and duration bin, the rows whose end the sync saw
 * (`finished_at` not null); and the same per hour, status, type and bin alone
 * (`task_duration_type_cells`), a far smaller table for the views with no reason or domain filter
 * (the unfiltered summary reads it), and that again per 6-hour slot (`task_duration_slot_cells`, keyed
 * by the slot's first hour) for the timelines whose buckets are 6 hours (spans over 9 days). The summary's and triage's times to finish and the p90 alert add these up instead of
 * scanning rows. Kept like the count cells of 0003-cells.ts — statement-level triggers
 * with transition tables, signed rows grouped into one upsert per statement, in the rows'
 * transaction — by triggers of their own, so a statement that changes no end touches no cell here.
 *
 * The bins are lib/duration-bins.ts's DURATION_EDGES, spelled again here because a shipped
 * migration must not change with that file: `task_duration_bin` is their one SQL definition.
 */
import 'server-only';
import { type Kysely, sql } from 'kysely';
import * as cellSql from './cell-trigger-sql';

const EDGES =
  'ARRAY[0, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 300, 450, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200, 10800, 14400, 21600, 43200, 86400]::double precision[]';

/** The first hour of the row's 6-hour slot (UTC 0, 6, 12, 18 h): the 30-day timeline's buckets. */
const SLOT_OF = `(floor(extract(epoch FROM created_at) / 21600)::int * 6)`;
const COLUMNS = 'account_id, status, object_type, reason, domain, created_at, finished_at';

/** The DELETE of a duration cell table's cells left at 0 in the hours (`hourOf`) the ended rows of `delta` touched. */
function sweep(table: string, hourOf: string, delta: string): string {
  return `DELETE FROM ${table} c
    USING (SELECT DISTINCT account_id, ${hourOf} AS hour FROM (${delta}) AS x WHERE finished_at IS NOT NULL) AS k
    WHERE c.account_id = k.account_id AND c.hour = k.hour AND c.n = 0;`;
}

/** The upsert and sweep of a cell table keyed by hour (`hourOf`: its first hour), status, type and bin. */
function typeCells(table: string, hourOf: string, delta: string): string {
  return `INSERT INTO ${table} AS c (account_id, hour, status, object_type, dbin, n)
    SELECT account_id, ${hourOf}, status, object_type, task_duration_bin(created_at, finished_at), sum(d)
    FROM (${delta}) AS x WHERE finished_at IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(d) <> 0
    ON CONFLICT (account_id, hour, status, object_type, dbin) DO UPDATE
      SET n = c.n + excluded.n;
    ${sweep(table, hourOf, delta)}`;
}

function applyDelta(delta: string): string {
  return `
    INSERT INTO task_duration_cells AS c (account_id, hour, status, object_type, reason, domain, dbin, n)
    SELECT account_id, ${cellSql.HOUR_OF}, status, object_type, coalesce(reason, ''), domain,
      task_duration_bin(created_at, finished_at), sum(d)
    FROM (${delta}) AS x WHERE finished_at IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(d) <> 0
    ON CONFLICT (account_id, hour, status, object_type, reason, domain, dbin) DO UPDATE
      SET n = c.n + excluded.n;
    ${sweep('task_duration_cells', cellSql.HOUR_OF, delta)}
    ${typeCells('task_duration_type_cells', cellSql.HOUR_OF, delta)}
    ${typeCells('task_duration_slot_cells', SLOT_OF, delta)}
  `;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const rows = cellSql.signedRows(COLUMNS);
  const statements = [
    `
    CREATE FUNCTION task_duration_bin(created timestamptz, finished timestamptz) RETURNS smallint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT (width_bucket(greatest(0, extract(epoch FROM finished - created))::double precision, ${EDGES}) - 1)::smallint
    $$`,
    cellSql.createCellTable(
      'task_duration_cells',
      ['hour', 'status', 'object_type', 'reason', 'domain', 'dbin'],
      ['n'],
    ),
    cellSql.createCellTable('task_duration_type_cells', ['hour', 'status', 'object_type', 'dbin'], ['n']),
    cellSql.createCellTable('task_duration_slot_cells', ['hour', 'status', 'object_type', 'dbin'], ['n']),
    // The cells of the rows already stored, then the triggers that keep them.
    `DO $$ BEGIN ${applyDelta(rows.stored)} END $$`,
    ...cellSql.createCellTriggers('tasks_duration_cells', {
      inserted: [applyDelta(rows.inserted)],
      updated: [applyDelta(rows.updated)],
      deleted: [applyDelta(rows.deleted)],
    }),
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const tables = ['task_duration_slot_cells', 'task_duration_type_cells', 'task_duration_cells'];
  const statements = [
    ...cellSql.dropCellTriggers('tasks_duration_cells'),
    ...tables.map((table) => `DROP TABLE ${table}`),
    'DROP FUNCTION task_duration_bin(timestamptz, timestamptz)',
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
