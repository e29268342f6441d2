/**
 * Coarser duration cells (docs/sync.md, "Time to finish"):
 *
 * - task_duration_days: task_duration_cells (0008) summed per UTC creation day, domain, type and
 *   duration bin (every status and reason). Triage's slowest domains add up a window's times to
 *   finish per domain: a month at 300,000 rows is 66,000 hour cells and 2,500 of these, so a view
 *   without a status or reason filter reads the whole days of its window here and only the hours
 *   beside them from the hour cells (which a status or reason filter reads throughout).
 * - task_duration_type_slots: task_duration_slot_cells (0008) without the status, per 6-hour slot
 *   (keyed by its first hour), type and bin. The month's summary without a status filter reads its
 *   histograms here: a third as many cells, since every ended status spreads over the same bins.
 *
 * Kept like the other cells — statement-level triggers with transition tables, signed rows grouped
 * into one upsert per statement, in the rows' transaction — by triggers of their own. An insert only
 * adds, so no cell reaches 0 and it skips the sweep for emptied cells; updates and deletes keep it.
 * Built here from the hour cells of an existing store.
 */
import 'server-only';
import { type Kysely, sql } from 'kysely';

const DAY_OF = `floor(extract(epoch FROM created_at) / 86400)::int`;
/** The first hour of the row's 6-hour slot, as task_duration_slot_cells (0008) numbers them. */
const SLOT_OF = `(floor(extract(epoch FROM created_at) / 21600)::int * 6)`;
const COLUMNS = 'account_id, object_type, domain, created_at, finished_at';

/** The SQL that adds one signed set of rows to both tables; `removesRows`: it may empty cells. */
function applyDelta(delta: string, removesRows: boolean): string {
  const sweep = `
    DELETE FROM task_duration_days c
    USING (SELECT DISTINCT account_id, ${DAY_OF} AS day FROM (${delta}) AS x WHERE finished_at IS NOT NULL) AS k
    WHERE c.account_id = k.account_id AND c.day = k.day AND c.n = 0;
    DELETE FROM task_duration_type_slots c
    USING (SELECT DISTINCT account_id, ${SLOT_OF} AS hour FROM (${delta}) AS x WHERE finished_at IS NOT NULL) AS k
    WHERE c.account_id = k.account_id AND c.hour = k.hour AND c.n = 0;`;
  return `
    INSERT INTO task_duration_days AS c (account_id, day, domain, object_type, dbin, n)
    SELECT account_id, ${DAY_OF}, domain, object_type, task_duration_bin(created_at, finished_at), sum(d)
    FROM (${delta}) AS x WHERE finished_at IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(d) <> 0
    ON CONFLICT (account_id, day, domain, object_type, dbin) DO UPDATE SET n = c.n + excluded.n;
    INSERT INTO task_duration_type_slots AS c (account_id, hour, object_type, dbin, n)
    SELECT account_id, ${SLOT_OF}, object_type, task_duration_bin(created_at, finished_at), sum(d)
    FROM (${delta}) AS x WHERE finished_at IS NOT NULL
    GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0
    ON CONFLICT (account_id, hour, object_type, dbin) DO UPDATE SET n = c.n + excluded.n;
    ${removesRows ? sweep : ''}
  `;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE task_duration_days (
      account_id  text NOT NULL,
      day         integer NOT NULL,
      domain      text COLLATE "C" NOT NULL,
      object_type text NOT NULL,
      dbin        smallint NOT NULL,
      n           integer NOT NULL,
      PRIMARY KEY (account_id, day, domain, object_type, dbin)
    )`.execute(db);
  await sql`
    CREATE TABLE task_duration_type_slots (
      account_id  text NOT NULL,
      hour        integer NOT NULL,
      object_type text NOT NULL,
      dbin        smallint NOT NULL,
      n           integer NOT NULL,
      PRIMARY KEY (account_id, hour, object_type, dbin)
    )`.execute(db);
  await sql`
    INSERT INTO task_duration_type_slots (account_id, hour, object_type, dbin, n)
    SELECT account_id, hour, object_type, dbin, sum(n)
    FROM task_duration_slot_cells GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0`.execute(db);
  // From the hour cells (a fraction of the rows); hours are positive, so integer division floors.
  await sql`
    INSERT INTO task_duration_days (account_id, day, domain, object_type, dbin, n)
    SELECT account_id, hour / 24, domain, object_type, dbin, sum(n)
    FROM task_duration_cells GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0`.execute(db);
  await sql
    .raw(`
    CREATE FUNCTION tasks_duration_days_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${applyDelta(`SELECT ${COLUMNS}, 1 AS d FROM new_rows`, false)} RETURN NULL; END $$`)
    .execute(db);
  await sql
    .raw(`
    CREATE FUNCTION tasks_duration_days_updated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${applyDelta(`SELECT ${COLUMNS}, -1 AS d FROM old_rows UNION ALL SELECT ${COLUMNS}, 1 AS d FROM new_rows`, true)}
      RETURN NULL;
    END $$`)
    .execute(db);
  await sql
    .raw(`
    CREATE FUNCTION tasks_duration_days_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${applyDelta(`SELECT ${COLUMNS}, -1 AS d FROM old_rows`, true)} RETURN NULL; END $$`)
    .execute(db);
  await sql`
    CREATE TRIGGER tasks_duration_days_inserted AFTER INSERT ON tasks REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tasks_duration_days_inserted()`.execute(db);
  await sql`
    CREATE TRIGGER tasks_duration_days_updated AFTER UPDATE ON tasks
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tasks_duration_days_updated()`.execute(db);
  await sql`
    CREATE TRIGGER tasks_duration_days_deleted AFTER DELETE ON tasks REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tasks_duration_days_deleted()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER tasks_duration_days_deleted ON tasks`.execute(db);
  await sql`DROP TRIGGER tasks_duration_days_updated ON tasks`.execute(db);
  await sql`DROP TRIGGER tasks_duration_days_inserted ON tasks`.execute(db);
  await sql`DROP FUNCTION tasks_duration_days_deleted()`.execute(db);
  await sql`DROP FUNCTION tasks_duration_days_updated()`.execute(db);
  await sql`DROP FUNCTION tasks_duration_days_inserted()`.execute(db);
  await sql`DROP TABLE task_duration_type_slots`.execute(db);
  await sql`DROP TABLE task_duration_days`.execute(db);
}
