/**
 * 0003's insert trigger without its sweep for emptied cells (docs/sync.md, "Count cells"). Rows only
 * added raise counts, so no cell reaches 0 and the six DELETE … WHERE n = 0 steps (each reading the
 * statement's rows again) find nothing on an insert. The updated and deleted triggers keep theirs.
 * The function is replaced in place (CREATE OR REPLACE), so the trigger that calls it stays as it is;
 * the same SQL runs on PGlite and PostgreSQL. The upserts are 0003's, unchanged.
 */
import 'server-only';
import { type Kysely, sql } from 'kysely';
import { IN_FLIGHT_PROGRESS_BIN, inFlightCondition } from '../in-flight-sql';

const HOUR_OF = `floor(extract(epoch FROM created_at) / 3600)::int`;
const SLOT_OF = `CASE WHEN s.span = 0 THEN 0 ELSE floor(extract(epoch FROM created_at) / (3600 * s.span))::int END`;
const COLUMNS = 'account_id, status, object_type, reason, domain, prefix, progress, created_at';

/** Every cell upsert of 0003 for the rows of `delta` (each with d = +1), and no sweep. */
function addRows(delta: string): string {
  return `
    INSERT INTO task_counts AS c (account_id, stored, in_flight)
    SELECT account_id, sum(d), coalesce(sum(d) FILTER (WHERE ${inFlightCondition()}), 0)
    FROM (${delta}) AS x GROUP BY account_id
    ON CONFLICT (account_id) DO UPDATE
      SET stored = c.stored + excluded.stored, in_flight = c.in_flight + excluded.in_flight;

    INSERT INTO task_hour_counts AS c (account_id, hour, n)
    SELECT account_id, ${HOUR_OF}, sum(d) FROM (${delta}) AS x GROUP BY 1, 2 HAVING sum(d) <> 0
    ON CONFLICT (account_id, hour) DO UPDATE SET n = c.n + excluded.n;

    INSERT INTO task_cells AS c (account_id, hour, status, object_type, reason, domain, pbin, n)
    SELECT account_id, ${HOUR_OF}, status, object_type, coalesce(reason, ''), domain, ${IN_FLIGHT_PROGRESS_BIN}, sum(d)
    FROM (${delta}) AS x GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(d) <> 0
    ON CONFLICT (account_id, hour, status, object_type, reason, domain, pbin) DO UPDATE
      SET n = c.n + excluded.n;

    INSERT INTO task_status_cells AS c (account_id, hour, status, object_type, reason, pbin, n)
    SELECT account_id, ${HOUR_OF}, status, object_type, coalesce(reason, ''), ${IN_FLIGHT_PROGRESS_BIN}, sum(d)
    FROM (${delta}) AS x GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(d) <> 0
    ON CONFLICT (account_id, hour, status, object_type, reason, pbin) DO UPDATE
      SET n = c.n + excluded.n;

    INSERT INTO task_prefix_totals AS c (account_id, domain, prefix, n, failed, origin_timeout)
    SELECT account_id, domain, prefix, sum(d),
      coalesce(sum(d) FILTER (WHERE status = 'Failed'), 0),
      coalesce(sum(d) FILTER (WHERE reason = 'origin-timeout'), 0)
    FROM (${delta}) AS x GROUP BY 1, 2, 3
    HAVING sum(d) <> 0 OR sum(d) FILTER (WHERE status = 'Failed') <> 0
      OR sum(d) FILTER (WHERE reason = 'origin-timeout') <> 0
    ON CONFLICT (account_id, domain, prefix) DO UPDATE
      SET n = c.n + excluded.n, failed = c.failed + excluded.failed,
        origin_timeout = c.origin_timeout + excluded.origin_timeout;

    INSERT INTO task_prefix_cells AS c (account_id, span, slot, domain, prefix, status, object_type, reason, n)
    SELECT account_id, s.span, ${SLOT_OF},
      domain, prefix, status, object_type, coalesce(reason, ''), sum(d)
    FROM (${delta}) AS x CROSS JOIN (VALUES (0), (1), (24)) AS s (span)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(d) <> 0
    ON CONFLICT (account_id, span, slot, domain, prefix, status, object_type, reason) DO UPDATE
      SET n = c.n + excluded.n;

    INSERT INTO task_failure_cells AS c
      (account_id, hour, reason, domain, prefix, object_type, n, first_at, last_at)
    SELECT account_id, ${HOUR_OF}, reason, domain, prefix, object_type, sum(d),
      coalesce(min(created_at) FILTER (WHERE d > 0), min(created_at)),
      coalesce(max(created_at) FILTER (WHERE d > 0), max(created_at))
    FROM (${delta}) AS x WHERE reason IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(d) <> 0 OR bool_or(d > 0)
    ON CONFLICT (account_id, hour, reason, domain, prefix, object_type) DO UPDATE
      SET n = c.n + excluded.n,
        first_at = least(c.first_at, excluded.first_at),
        last_at = greatest(c.last_at, excluded.last_at);
  `;
}

/** 0003's sweep after the upserts: each cell table's cells at 0 in the hours (or prefixes) touched. */
function sweep(delta: string): string {
  return `
    DELETE FROM task_hour_counts c USING (SELECT DISTINCT account_id, ${HOUR_OF} AS hour FROM (${delta}) AS x) AS k
    WHERE c.account_id = k.account_id AND c.hour = k.hour AND c.n = 0;
    DELETE FROM task_cells c USING (SELECT DISTINCT account_id, ${HOUR_OF} AS hour FROM (${delta}) AS x) AS k
    WHERE c.account_id = k.account_id AND c.hour = k.hour AND c.n = 0;
    DELETE FROM task_status_cells c USING (SELECT DISTINCT account_id, ${HOUR_OF} AS hour FROM (${delta}) AS x) AS k
    WHERE c.account_id = k.account_id AND c.hour = k.hour AND c.n = 0;
    DELETE FROM task_prefix_totals c USING (SELECT DISTINCT account_id, domain, prefix FROM (${delta}) AS x) AS k
    WHERE c.account_id = k.account_id AND c.domain = k.domain AND c.prefix = k.prefix AND c.n = 0;
    DELETE FROM task_prefix_cells c
    USING (
      SELECT DISTINCT account_id, s.span, ${SLOT_OF} AS slot, domain, prefix
      FROM (${delta}) AS x CROSS JOIN (VALUES (0), (1), (24)) AS s (span)
    ) AS k
    WHERE c.account_id = k.account_id AND c.span = k.span AND c.slot = k.slot AND c.domain = k.domain
      AND c.prefix = k.prefix AND c.n = 0;
  `;
}

const INSERTED = `SELECT ${COLUMNS}, 1 AS d FROM new_rows`;

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
