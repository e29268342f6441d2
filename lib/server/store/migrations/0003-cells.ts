import 'server-only';
import { type Kysely, sql } from 'kysely';
import {
  countCellSweeps,
  countCellUpserts,
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
  await sql`
    CREATE TABLE task_counts (
      account_id text PRIMARY KEY,
      stored     bigint NOT NULL,
      in_flight  bigint NOT NULL
    )`.execute(db);
  await sql`
    CREATE TABLE task_hour_counts (
      account_id text NOT NULL,
      hour       integer NOT NULL,
      n          integer NOT NULL,
      PRIMARY KEY (account_id, hour)
    )`.execute(db);
  await sql`
    CREATE TABLE task_cells (
      account_id  text NOT NULL,
      hour        integer NOT NULL,
      status      text NOT NULL,
      object_type text NOT NULL,
      reason      text NOT NULL,
      domain      text COLLATE "C" NOT NULL,
      pbin        smallint NOT NULL,
      n           integer NOT NULL,
      PRIMARY KEY (account_id, hour, status, object_type, reason, domain, pbin)
    )`.execute(db);
  await sql`
    CREATE TABLE task_status_cells (
      account_id  text NOT NULL,
      hour        integer NOT NULL,
      status      text NOT NULL,
      object_type text NOT NULL,
      reason      text NOT NULL,
      pbin        smallint NOT NULL,
      n           integer NOT NULL,
      PRIMARY KEY (account_id, hour, status, object_type, reason, pbin)
    )`.execute(db);
  await sql`
    CREATE TABLE task_prefix_totals (
      account_id     text NOT NULL,
      domain         text COLLATE "C" NOT NULL,
      prefix         text COLLATE "C" NOT NULL,
      n              integer NOT NULL,
      failed         integer NOT NULL,
      origin_timeout integer NOT NULL,
      PRIMARY KEY (account_id, domain, prefix)
    )`.execute(db);
  await sql`
    CREATE TABLE task_prefix_cells (
      account_id  text NOT NULL,
      span        smallint NOT NULL,
      slot        integer NOT NULL,
      domain      text COLLATE "C" NOT NULL,
      prefix      text COLLATE "C" NOT NULL,
      status      text NOT NULL,
      object_type text NOT NULL,
      reason      text NOT NULL,
      n           integer NOT NULL,
      PRIMARY KEY (account_id, span, slot, domain, prefix, status, object_type, reason)
    )`.execute(db);
  await sql`
    CREATE TABLE task_failure_cells (
      account_id  text NOT NULL,
      hour        integer NOT NULL,
      reason      text NOT NULL,
      domain      text COLLATE "C" NOT NULL,
      prefix      text COLLATE "C" NOT NULL,
      object_type text NOT NULL,
      n           integer NOT NULL,
      first_at    timestamptz NOT NULL,
      last_at     timestamptz NOT NULL,
      PRIMARY KEY (account_id, hour, reason, domain, prefix, object_type)
    )`.execute(db);

  const rows = signedRows(COLUMNS);
  await sql.raw(`DO $$ BEGIN ${applyDelta(rows.stored)} END $$`).execute(db);

  const triggers = createCellTriggers('tasks_cells', {
    inserted: [applyDelta(rows.inserted)],
    updated: [applyDelta(rows.updated), REFRESH_FAILURE_CELLS],
    deleted: [applyDelta(rows.deleted), REFRESH_FAILURE_CELLS],
  });
  for (const statement of triggers) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of dropCellTriggers('tasks_cells')) await sql.raw(statement).execute(db);
  await sql`DROP TABLE task_failure_cells`.execute(db);
  await sql`DROP TABLE task_prefix_cells`.execute(db);
  await sql`DROP TABLE task_prefix_totals`.execute(db);
  await sql`DROP TABLE task_status_cells`.execute(db);
  await sql`DROP TABLE task_cells`.execute(db);
  await sql`DROP TABLE task_hour_counts`.execute(db);
  await sql`DROP TABLE task_counts`.execute(db);
}
