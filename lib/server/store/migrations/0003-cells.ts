import 'server-only';
import { type Kysely, sql } from 'kysely';
import { IN_FLIGHT_PROGRESS_BIN, inFlightCondition } from '../in-flight-sql';

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

const HOUR_OF = `floor(extract(epoch FROM created_at) / 3600)::int`;
/** The slot of a row in a prefix cell span (0: the one all-time slot). */
const SLOT_OF = `CASE WHEN s.span = 0 THEN 0 ELSE floor(extract(epoch FROM created_at) / (3600 * s.span))::int END`;

/** The SQL that adds one signed set of rows (`delta`: the row's columns and d = +1 or -1) to every cell. */
function applyDelta(delta: string): string {
  return `
    INSERT INTO task_counts AS c (account_id, stored, in_flight)
    SELECT account_id, sum(d), coalesce(sum(d) FILTER (WHERE ${inFlightCondition()}), 0)
    FROM (${delta}) AS x GROUP BY account_id
    ON CONFLICT (account_id) DO UPDATE
      SET stored = c.stored + excluded.stored, in_flight = c.in_flight + excluded.in_flight;

    INSERT INTO task_hour_counts AS c (account_id, hour, n)
    SELECT account_id, ${HOUR_OF}, sum(d) FROM (${delta}) AS x GROUP BY 1, 2 HAVING sum(d) <> 0
    ON CONFLICT (account_id, hour) DO UPDATE SET n = c.n + excluded.n;
    DELETE FROM task_hour_counts c USING (SELECT DISTINCT account_id, ${HOUR_OF} AS hour FROM (${delta}) AS x) AS k
    WHERE c.account_id = k.account_id AND c.hour = k.hour AND c.n = 0;

    INSERT INTO task_cells AS c (account_id, hour, status, object_type, reason, domain, pbin, n)
    SELECT account_id, ${HOUR_OF}, status, object_type, coalesce(reason, ''), domain, ${IN_FLIGHT_PROGRESS_BIN}, sum(d)
    FROM (${delta}) AS x GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(d) <> 0
    ON CONFLICT (account_id, hour, status, object_type, reason, domain, pbin) DO UPDATE
      SET n = c.n + excluded.n;
    DELETE FROM task_cells c USING (SELECT DISTINCT account_id, ${HOUR_OF} AS hour FROM (${delta}) AS x) AS k
    WHERE c.account_id = k.account_id AND c.hour = k.hour AND c.n = 0;

    INSERT INTO task_status_cells AS c (account_id, hour, status, object_type, reason, pbin, n)
    SELECT account_id, ${HOUR_OF}, status, object_type, coalesce(reason, ''), ${IN_FLIGHT_PROGRESS_BIN}, sum(d)
    FROM (${delta}) AS x GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(d) <> 0
    ON CONFLICT (account_id, hour, status, object_type, reason, pbin) DO UPDATE
      SET n = c.n + excluded.n;
    DELETE FROM task_status_cells c USING (SELECT DISTINCT account_id, ${HOUR_OF} AS hour FROM (${delta}) AS x) AS k
    WHERE c.account_id = k.account_id AND c.hour = k.hour AND c.n = 0;

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
    DELETE FROM task_prefix_totals c USING (SELECT DISTINCT account_id, domain, prefix FROM (${delta}) AS x) AS k
    WHERE c.account_id = k.account_id AND c.domain = k.domain AND c.prefix = k.prefix AND c.n = 0;

    INSERT INTO task_prefix_cells AS c (account_id, span, slot, domain, prefix, status, object_type, reason, n)
    SELECT account_id, s.span, ${SLOT_OF},
      domain, prefix, status, object_type, coalesce(reason, ''), sum(d)
    FROM (${delta}) AS x CROSS JOIN (VALUES (0), (1), (24)) AS s (span)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(d) <> 0
    ON CONFLICT (account_id, span, slot, domain, prefix, status, object_type, reason) DO UPDATE
      SET n = c.n + excluded.n;
    DELETE FROM task_prefix_cells c
    USING (
      SELECT DISTINCT account_id, s.span, ${SLOT_OF} AS slot, domain, prefix
      FROM (${delta}) AS x CROSS JOIN (VALUES (0), (1), (24)) AS s (span)
    ) AS k
    WHERE c.account_id = k.account_id AND c.span = k.span AND c.slot = k.slot AND c.domain = k.domain
      AND c.prefix = k.prefix AND c.n = 0;

    INSERT INTO task_failure_cells AS c
      (account_id, hour, reason, domain, prefix, object_type, n, first_at, last_at)
    SELECT account_id, ${HOUR_OF}, reason, domain, prefix, object_type, sum(d),
      -- Rows that only left a cell propose its old bounds (never NULL); REFRESH_FAILURE_CELLS fixes them.
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

  const all = `SELECT ${COLUMNS}, 1 AS d FROM tasks`;
  await sql.raw(`DO $$ BEGIN ${applyDelta(all)} END $$`).execute(db);

  await sql
    .raw(`
    CREATE FUNCTION tasks_cells_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${applyDelta(`SELECT ${COLUMNS}, 1 AS d FROM new_rows`)} RETURN NULL; END $$`)
    .execute(db);
  await sql
    .raw(`
    CREATE FUNCTION tasks_cells_updated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${applyDelta(`SELECT ${COLUMNS}, -1 AS d FROM old_rows UNION ALL SELECT ${COLUMNS}, 1 AS d FROM new_rows`)}
      ${REFRESH_FAILURE_CELLS}
      RETURN NULL;
    END $$`)
    .execute(db);
  await sql
    .raw(`
    CREATE FUNCTION tasks_cells_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${applyDelta(`SELECT ${COLUMNS}, -1 AS d FROM old_rows`)} ${REFRESH_FAILURE_CELLS} RETURN NULL; END $$`)
    .execute(db);
  await sql`
    CREATE TRIGGER tasks_cells_inserted AFTER INSERT ON tasks REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tasks_cells_inserted()`.execute(db);
  await sql`
    CREATE TRIGGER tasks_cells_updated AFTER UPDATE ON tasks
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tasks_cells_updated()`.execute(db);
  await sql`
    CREATE TRIGGER tasks_cells_deleted AFTER DELETE ON tasks REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tasks_cells_deleted()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER tasks_cells_deleted ON tasks`.execute(db);
  await sql`DROP TRIGGER tasks_cells_updated ON tasks`.execute(db);
  await sql`DROP TRIGGER tasks_cells_inserted ON tasks`.execute(db);
  await sql`DROP FUNCTION tasks_cells_deleted()`.execute(db);
  await sql`DROP FUNCTION tasks_cells_updated()`.execute(db);
  await sql`DROP FUNCTION tasks_cells_inserted()`.execute(db);
  await sql`DROP TABLE task_failure_cells`.execute(db);
  await sql`DROP TABLE task_prefix_cells`.execute(db);
  await sql`DROP TABLE task_prefix_totals`.execute(db);
  await sql`DROP TABLE task_status_cells`.execute(db);
  await sql`DROP TABLE task_cells`.execute(db);
  await sql`DROP TABLE task_hour_counts`.execute(db);
  await sql`DROP TABLE task_counts`.execute(db);
}
