/**
 * SQL text the cell migrations share (docs/sync.md, "Count cells"): their tables, the signed row
 * sets a statement-level trigger reads, the count cells' upserts and sweeps (0003, and 0010 without the
 * sweep), and the three trigger functions, triggers and their drops (0003, 0008, 0009).
 *
 * FROZEN. These functions build the SQL of migrations that have shipped: a store runs a migration
 * once, so changing any text here would build new stores differently from upgraded ones.
 * migrations-frozen.test.ts holds a hash of every migration's SQL and names the one a change here
 * would alter. A new migration that needs other SQL writes it itself; nothing here is edited.
 *
 * Each statement is returned from its first keyword to its `;`, its later lines indented by four
 * spaces, as the migrations wrote them inline.
 */
import 'server-only';
import { IN_FLIGHT_PROGRESS_BIN, inFlightCondition } from '../in-flight-sql';

/** A row's creation hour, numbered from the Unix epoch (no time zone enters). */
export const HOUR_OF = `floor(extract(epoch FROM created_at) / 3600)::int`;
/** The slot of a row in a prefix cell span (0: the one all-time slot). */
const SLOT_OF = `CASE WHEN s.span = 0 THEN 0 ELSE floor(extract(epoch FROM created_at) / (3600 * s.span))::int END`;

/** Every cell table column's type, as the cell migrations declare it. */
const CELL_COLUMN_TYPES = {
  account_id: 'text NOT NULL',
  hour: 'integer NOT NULL',
  quarter: 'integer NOT NULL',
  day: 'integer NOT NULL',
  span: 'smallint NOT NULL',
  slot: 'integer NOT NULL',
  status: 'text NOT NULL',
  object_type: 'text NOT NULL',
  reason: 'text NOT NULL',
  domain: 'text COLLATE "C" NOT NULL',
  prefix: 'text COLLATE "C" NOT NULL',
  pbin: 'smallint NOT NULL',
  dbin: 'smallint NOT NULL',
  n: 'integer NOT NULL',
  failed: 'integer NOT NULL',
  origin_timeout: 'integer NOT NULL',
  first_at: 'timestamptz NOT NULL',
  last_at: 'timestamptz NOT NULL',
} as const;

type CellColumn = keyof typeof CELL_COLUMN_TYPES;

/**
 * CREATE TABLE of a cell table keyed by the account and `keys` (its primary key), holding `values`,
 * the types aligned.
 */
export function createCellTable(table: string, cellKeys: CellColumn[], values: CellColumn[]): string {
  const keys: CellColumn[] = ['account_id', ...cellKeys];
  const columns = [...keys, ...values];
  const width = Math.max(...columns.map((column) => column.length)) + 1;
  const lines = columns.map((column) => `      ${column.padEnd(width)}${CELL_COLUMN_TYPES[column]},`);
  return `
    CREATE TABLE ${table} (
${lines.join('\n')}
      PRIMARY KEY (${keys.join(', ')})
    )`;
}

/** The row sets a trigger adds to cells: each row's `columns` and d = +1 (new) or -1 (old). */
export function signedRows(columns: string) {
  return {
    /** Every stored row: a migration building the cells of an existing store. */
    stored: `SELECT ${columns}, 1 AS d FROM tasks`,
    inserted: `SELECT ${columns}, 1 AS d FROM new_rows`,
    updated: `SELECT ${columns}, -1 AS d FROM old_rows UNION ALL SELECT ${columns}, 1 AS d FROM new_rows`,
    deleted: `SELECT ${columns}, -1 AS d FROM old_rows`,
  };
}

/**
 * One upsert per count cell table (0003) adding the signed rows of `delta`. `boundsNote`: 0003
 * shipped a comment inside its failure-cell upsert; 0010's copy has none.
 */
export function countCellUpserts(delta: string, { boundsNote }: { boundsNote: boolean }) {
  const note = boundsNote
    ? `
      -- Rows that only left a cell propose its old bounds (never NULL); REFRESH_FAILURE_CELLS fixes them.`
    : '';
  return {
    counts: `INSERT INTO task_counts AS c (account_id, stored, in_flight)
    SELECT account_id, sum(d), coalesce(sum(d) FILTER (WHERE ${inFlightCondition()}), 0)
    FROM (${delta}) AS x GROUP BY account_id
    ON CONFLICT (account_id) DO UPDATE
      SET stored = c.stored + excluded.stored, in_flight = c.in_flight + excluded.in_flight;`,
    hours: `INSERT INTO task_hour_counts AS c (account_id, hour, n)
    SELECT account_id, ${HOUR_OF}, sum(d) FROM (${delta}) AS x GROUP BY 1, 2 HAVING sum(d) <> 0
    ON CONFLICT (account_id, hour) DO UPDATE SET n = c.n + excluded.n;`,
    cells: `INSERT INTO task_cells AS c (account_id, hour, status, object_type, reason, domain, pbin, n)
    SELECT account_id, ${HOUR_OF}, status, object_type, coalesce(reason, ''), domain, ${IN_FLIGHT_PROGRESS_BIN}, sum(d)
    FROM (${delta}) AS x GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(d) <> 0
    ON CONFLICT (account_id, hour, status, object_type, reason, domain, pbin) DO UPDATE
      SET n = c.n + excluded.n;`,
    statusCells: `INSERT INTO task_status_cells AS c (account_id, hour, status, object_type, reason, pbin, n)
    SELECT account_id, ${HOUR_OF}, status, object_type, coalesce(reason, ''), ${IN_FLIGHT_PROGRESS_BIN}, sum(d)
    FROM (${delta}) AS x GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(d) <> 0
    ON CONFLICT (account_id, hour, status, object_type, reason, pbin) DO UPDATE
      SET n = c.n + excluded.n;`,
    prefixTotals: `INSERT INTO task_prefix_totals AS c (account_id, domain, prefix, n, failed, origin_timeout)
    SELECT account_id, domain, prefix, sum(d),
      coalesce(sum(d) FILTER (WHERE status = 'Failed'), 0),
      coalesce(sum(d) FILTER (WHERE reason = 'origin-timeout'), 0)
    FROM (${delta}) AS x GROUP BY 1, 2, 3
    HAVING sum(d) <> 0 OR sum(d) FILTER (WHERE status = 'Failed') <> 0
      OR sum(d) FILTER (WHERE reason = 'origin-timeout') <> 0
    ON CONFLICT (account_id, domain, prefix) DO UPDATE
      SET n = c.n + excluded.n, failed = c.failed + excluded.failed,
        origin_timeout = c.origin_timeout + excluded.origin_timeout;`,
    prefixCells: `INSERT INTO task_prefix_cells AS c (account_id, span, slot, domain, prefix, status, object_type, reason, n)
    SELECT account_id, s.span, ${SLOT_OF},
      domain, prefix, status, object_type, coalesce(reason, ''), sum(d)
    FROM (${delta}) AS x CROSS JOIN (VALUES (0), (1), (24)) AS s (span)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(d) <> 0
    ON CONFLICT (account_id, span, slot, domain, prefix, status, object_type, reason) DO UPDATE
      SET n = c.n + excluded.n;`,
    failureCells: `INSERT INTO task_failure_cells AS c
      (account_id, hour, reason, domain, prefix, object_type, n, first_at, last_at)
    SELECT account_id, ${HOUR_OF}, reason, domain, prefix, object_type, sum(d),${note}
      coalesce(min(created_at) FILTER (WHERE d > 0), min(created_at)),
      coalesce(max(created_at) FILTER (WHERE d > 0), max(created_at))
    FROM (${delta}) AS x WHERE reason IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(d) <> 0 OR bool_or(d > 0)
    ON CONFLICT (account_id, hour, reason, domain, prefix, object_type) DO UPDATE
      SET n = c.n + excluded.n,
        first_at = least(c.first_at, excluded.first_at),
        last_at = greatest(c.last_at, excluded.last_at);`,
  };
}

/**
 * After the upserts, the count cells left at 0 in the hours (or prefixes) `delta` touched go, one
 * DELETE per table (0003). The failure cells' sweep is 0003's own (it also fixes their bounds).
 */
export function countCellSweeps(delta: string) {
  const hourCells = (table: string) =>
    `DELETE FROM ${table} c USING (SELECT DISTINCT account_id, ${HOUR_OF} AS hour FROM (${delta}) AS x) AS k
    WHERE c.account_id = k.account_id AND c.hour = k.hour AND c.n = 0;`;
  return {
    hours: hourCells('task_hour_counts'),
    cells: hourCells('task_cells'),
    statusCells: hourCells('task_status_cells'),
    prefixTotals: `DELETE FROM task_prefix_totals c USING (SELECT DISTINCT account_id, domain, prefix FROM (${delta}) AS x) AS k
    WHERE c.account_id = k.account_id AND c.domain = k.domain AND c.prefix = k.prefix AND c.n = 0;`,
    prefixCells: `DELETE FROM task_prefix_cells c
    USING (
      SELECT DISTINCT account_id, s.span, ${SLOT_OF} AS slot, domain, prefix
      FROM (${delta}) AS x CROSS JOIN (VALUES (0), (1), (24)) AS s (span)
    ) AS k
    WHERE c.account_id = k.account_id AND c.span = k.span AND c.slot = k.slot AND c.domain = k.domain
      AND c.prefix = k.prefix AND c.n = 0;`,
  };
}

/** The statements each trigger function of a set runs, in order, before it returns. */
export interface TriggerSteps {
  inserted: string[];
  updated: string[];
  deleted: string[];
}

/**
 * The statements that create `<name>_inserted`, `_updated` and `_deleted`: three PL/pgSQL functions
 * running `steps`, then three statement-level triggers on `tasks` that call them with the statement's
 * rows as `new_rows` / `old_rows`.
 */
export function createCellTriggers(name: string, steps: TriggerSteps): string[] {
  const oneLine = (body: string[]) => [...body, 'RETURN NULL;'].join(' ');
  const indented = [...steps.updated, 'RETURN NULL;'].map((step) => `      ${step}`).join('\n');
  return [
    `
    CREATE FUNCTION ${name}_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${oneLine(steps.inserted)} END $$`,
    `
    CREATE FUNCTION ${name}_updated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
${indented}
    END $$`,
    `
    CREATE FUNCTION ${name}_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${oneLine(steps.deleted)} END $$`,
    `
    CREATE TRIGGER ${name}_inserted AFTER INSERT ON tasks REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ${name}_inserted()`,
    `
    CREATE TRIGGER ${name}_updated AFTER UPDATE ON tasks
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ${name}_updated()`,
    `
    CREATE TRIGGER ${name}_deleted AFTER DELETE ON tasks REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ${name}_deleted()`,
  ];
}

/** The statements that drop what createCellTriggers(name) made: the triggers, then their functions. */
export function dropCellTriggers(name: string): string[] {
  const events = ['deleted', 'updated', 'inserted'];
  return [
    ...events.map((event) => `DROP TRIGGER ${name}_${event} ON tasks`),
    ...events.map((event) => `DROP FUNCTION ${name}_${event}()`),
  ];
}
