import 'server-only';
import { type Kysely, sql } from 'kysely';
import {
  countCellSweeps,
  countCellUpserts,
  createCellTable,
  createCellTriggers,
  dropCellTriggers,
  HOUR_OF,
  signedRows,
} from './cell-trigger-sql';

/**
 * Count cells (docs/sync.md, "Count cells"): the counts every aggregate needs, kept by triggers on
 * `tasks` in the same transaction as the rows, so a 30-day view adds up cells instead of rows.
 *
 * - task_counts: per account, the rows stored and those in flight (the sync status, the heartbeat).
 * - task_cells: per account and UTC hour, per status, type, reason ('' for none), domain and in-flight
 *   progress bin (-1 when not in flight): the timeline, the status/type/reason/progress counts, the
 *   domain ranking, the list's total, triage's domain totals.
 * - task_hour_counts: per account and hour, every row: the list's total and the sync status when
 *   nothing narrows them (a month is 720 of these).
 * - task_status_cells: task_cells without the domain (a sixth of them for six domains): the timeline
 *   and status/type/reason/progress counts of views not filtered by domain.
 * - task_prefix_totals: per account, domain and path prefix, all time, the rows, failed rows and
 *   Origin Timeouts: the prefix and domain rankings of views not filtered by status, type or reason.
 * - task_prefix_cells: per account and span (1: an hour, 24: a UTC day, 0: all time, slot 0), per
 *   domain, path prefix, status, type and reason: the summary's prefix ranking. Prefixes are many
 *   (thousands), so a window is read as whole days plus the hours at its edges, or — when the window
 *   holds most of the history, as the usual 30 days do — as all time less the days and hours outside.
 * - task_failure_cells: per account and hour, per reason, domain, prefix and type, for rows with a
 *   reason only (few): triage's groups and the alerts, with the first and last creation time.
 *
 * Statement-level triggers with transition tables: one grouped upsert per cell table per statement
 * (a 1,000-row upsert is one write per cell touched, not per row). Plain SQL and PL/pgSQL, the same
 * on PGlite and PostgreSQL. Hours and days are numbered from the Unix epoch, so no time zone enters.
 */

/** The SQL that adds one signed set of rows (`delta`: the row's columns and d = +1 or -1) to every cell. */
function applyDelta(delta: string): string {
  const upserts = countCellUpserts(delta, { boundsNote: true });
  const sweeps = countCellSweeps(delta);
  return `
    ${upserts.counts}

    ${upserts.hours}
    ${sweeps.hours}

    ${upserts.cells}
    ${sweeps.cells}

    ${upserts.statusCells}
    ${sweeps.statusCells}

    ${upserts.prefixTotals}
    ${sweeps.prefixTotals}

    ${upserts.prefixCells}
    ${sweeps.prefixCells}

    ${upserts.failureCells}
  `;
}

/**
 * After rows left a failure cell, its first and last creation times are taken again from its rows
 * (few: a cell is one hour of one reason, domain, prefix and type), and emptied cells go.
 */
const REFRESH_FAILURE_CELLS = `
    DELETE FROM task_failure_cells c
    USING (SELECT DISTINCT account_id, ${HOUR_OF} AS hour FROM old_rows WHERE reason IS NOT NULL) AS k
    WHERE c.account_id = k.account_id AND c.hour = k.hour AND c.n = 0;
    UPDATE task_failure_cells c SET first_at = r.first_at, last_at = r.last_at
    FROM (
      SELECT t.account_id, k.hour, t.reason, t.domain, t.prefix, t.object_type,
        min(t.created_at) AS first_at, max(t.created_at) AS last_at
      FROM (
        SELECT DISTINCT account_id, ${HOUR_OF} AS hour, reason, domain, prefix, object_type
        FROM old_rows WHERE reason IS NOT NULL
      ) AS k
      JOIN tasks t ON t.account_id = k.account_id AND t.reason = k.reason AND t.domain = k.domain
        AND t.prefix = k.prefix AND t.object_type = k.object_type
        AND t.created_at >= to_timestamp(k.hour::double precision * 3600)
        AND t.created_at < to_timestamp((k.hour + 1)::double precision * 3600)
      GROUP BY 1, 2, 3, 4, 5, 6
    ) AS r
    WHERE c.account_id = r.account_id AND c.hour = r.hour AND c.reason = r.reason AND c.domain = r.domain
      AND c.prefix = r.prefix AND c.object_type = r.object_type;
`;

const COLUMNS = 'account_id, status, object_type, reason, domain, prefix, progress, created_at';

export async function up(db: Kysely<unknown>): Promise<void> {
  const rows = signedRows(COLUMNS);
  const statements = [
    `
    CREATE TABLE task_counts (
      account_id text PRIMARY KEY,
      stored     bigint NOT NULL,
      in_flight  bigint NOT NULL
    )`,
    createCellTable('task_hour_counts', ['hour'], ['n']),
    createCellTable('task_cells', ['hour', 'status', 'object_type', 'reason', 'domain', 'pbin'], ['n']),
    createCellTable('task_status_cells', ['hour', 'status', 'object_type', 'reason', 'pbin'], ['n']),
    createCellTable('task_prefix_totals', ['domain', 'prefix'], ['n', 'failed', 'origin_timeout']),
    createCellTable(
      'task_prefix_cells',
      ['span', 'slot', 'domain', 'prefix', 'status', 'object_type', 'reason'],
      ['n'],
    ),
    createCellTable(
      'task_failure_cells',
      ['hour', 'reason', 'domain', 'prefix', 'object_type'],
      ['n', 'first_at', 'last_at'],
    ),
    // The cells of the rows already stored, then the triggers that keep them.
    `DO $$ BEGIN ${applyDelta(rows.stored)} END $$`,
    ...createCellTriggers('tasks_cells', {
      inserted: [applyDelta(rows.inserted)],
      updated: [applyDelta(rows.updated), REFRESH_FAILURE_CELLS],
      deleted: [applyDelta(rows.deleted), REFRESH_FAILURE_CELLS],
    }),
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const tables = [
    'task_failure_cells',
    'task_prefix_cells',
    'task_prefix_totals',
    'task_status_cells',
    'task_cells',
    'task_hour_counts',
    'task_counts',
  ];
  const statements = [...dropCellTriggers('tasks_cells'), ...tables.map((table) => `DROP TABLE ${table}`)];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
