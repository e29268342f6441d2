import 'server-only';
import { type Kysely, sql } from 'kysely';
import { IN_FLIGHT_PROGRESS_BIN } from '../in-flight-sql';
import { createCellTable, createCellTriggers, dropCellTriggers, signedRows } from './cell-trigger-sql';

/**
 * Coarse count cells (docs/sync.md, "Count cells"): the same counts as two of 0003-cells.ts's hour
 * cells, at slots a long window needs far fewer of.
 *
 * - task_status_quarters: task_status_cells per 6-hour slot (quarters of a UTC day since the epoch).
 *   A 30-day timeline has 6-hour buckets: it reads 120 quarters instead of 720 hours of cells.
 * - task_domain_days: per UTC day, domain and type, every row: triage's domain totals (shares), 30
 *   days of six domains and three types in a few hundred cells instead of tens of thousands.
 *
 * Kept like the other cells — statement-level triggers with transition tables, signed rows grouped
 * into one upsert per statement, in the rows' transaction — by triggers of their own, so 0003's stay
 * as shipped. Built here from the hour cells of an existing store.
 */
const QUARTER_OF = `floor(extract(epoch FROM created_at) / 21600)::int`;
const DAY_OF = `floor(extract(epoch FROM created_at) / 86400)::int`;
const PBIN = IN_FLIGHT_PROGRESS_BIN;
const COLUMNS = 'account_id, status, object_type, reason, domain, progress, created_at';

/**
 * The SQL that adds one signed set of rows to the coarse cells. `removesRows`: whether the set can
 * take counts away (an update or a delete), so cells may have emptied and go; rows only added (an
 * insert) leave none at 0, and the sweep would read the statement's rows again for nothing.
 */
function applyDelta(delta: string, removesRows: boolean): string {
  return `
    INSERT INTO task_status_quarters AS c (account_id, quarter, status, object_type, reason, pbin, n)
    SELECT account_id, ${QUARTER_OF}, status, object_type, coalesce(reason, ''), ${PBIN}, sum(d)
    FROM (${delta}) AS x GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(d) <> 0
    ON CONFLICT (account_id, quarter, status, object_type, reason, pbin) DO UPDATE
      SET n = c.n + excluded.n;
    ${
      removesRows
        ? `DELETE FROM task_status_quarters c
    USING (SELECT DISTINCT account_id, ${QUARTER_OF} AS quarter FROM (${delta}) AS x) AS k
    WHERE c.account_id = k.account_id AND c.quarter = k.quarter AND c.n = 0;`
        : ''
    }

    INSERT INTO task_domain_days AS c (account_id, day, domain, object_type, n)
    SELECT account_id, ${DAY_OF}, domain, object_type, sum(d)
    FROM (${delta}) AS x GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0
    ON CONFLICT (account_id, day, domain, object_type) DO UPDATE SET n = c.n + excluded.n;
    ${
      removesRows
        ? `DELETE FROM task_domain_days c
    USING (SELECT DISTINCT account_id, ${DAY_OF} AS day FROM (${delta}) AS x) AS k
    WHERE c.account_id = k.account_id AND c.day = k.day AND c.n = 0;`
        : ''
    }
  `;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const tables = [
    createCellTable('task_status_quarters', ['quarter', 'status', 'object_type', 'reason', 'pbin'], ['n']),
    createCellTable('task_domain_days', ['day', 'domain', 'object_type'], ['n']),
  ];
  for (const statement of tables) await sql.raw(statement).execute(db);
  // From the hour cells (a fraction of the rows); hours are positive, so integer division floors.
  await sql`
    INSERT INTO task_status_quarters (account_id, quarter, status, object_type, reason, pbin, n)
    SELECT account_id, hour / 6, status, object_type, reason, pbin, sum(n)
    FROM task_status_cells GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0`.execute(db);
  await sql`
    INSERT INTO task_domain_days (account_id, day, domain, object_type, n)
    SELECT account_id, hour / 24, domain, object_type, sum(n)
    FROM task_cells GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0`.execute(db);

  const rows = signedRows(COLUMNS);
  const triggers = createCellTriggers('tasks_coarse_cells', {
    inserted: [applyDelta(rows.inserted, false)],
    updated: [applyDelta(rows.updated, true)],
    deleted: [applyDelta(rows.deleted, true)],
  });
  for (const statement of triggers) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of dropCellTriggers('tasks_coarse_cells')) await sql.raw(statement).execute(db);
  await sql`DROP TABLE task_domain_days`.execute(db);
  await sql`DROP TABLE task_status_quarters`.execute(db);
}
