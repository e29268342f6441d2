/**
 * Proof that the count cells still say what the rows say (docs/sync.md, "Count cells"): one time
 * slice's hour cells are derived again from its rows and compared; the day cells of the days it
 * touches with the sums of their hour cells, the all-time cells with the sums of every day's and the
 * per-prefix totals with those; the duration cells (0008) likewise from the rows, their day and status-less slot cells (0013) from
 * their hours and slots; the account's kept counts with the sums of its hour cells. A difference is rebuilt from the source, logged and counted
 * (cdnmon_store_cell_rebuilds_total), which must stay 0: the triggers keep the cells in the same
 * transaction as the rows, so a difference means a bug or a hand edit.
 */
import 'server-only';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { logger } from '../logger';
import { metrics } from '../metrics';
import { HOUR_MS } from './cell-cover';
import { IN_FLIGHT_PROGRESS_BIN } from './in-flight-sql';
import type { Database } from './schema';

// The same expressions as the triggers' (migrations/0003-cells.ts).
const HOUR_OF = sql.raw(`floor(extract(epoch FROM created_at) / 3600)::int`);
const PBIN = sql.raw(IN_FLIGHT_PROGRESS_BIN);

interface CellSet {
  name: string;
  table: string;
  /** The key columns, in the order `derived` and `stored` select them. */
  keys: string[];
  values: string[];
  /** What the cells should hold (keys, then values). */
  derived: RawBuilder<unknown>;
  /** The cells held for the same range. */
  stored: RawBuilder<unknown>;
  /** Deletes the held cells of the range. */
  clear: RawBuilder<unknown>;
  /** The columns to insert, in the order of `derived`. */
  insertColumns: string;
  /** Constants inserted with every derived cell (e.g. the span), in `insertColumns`' order after the keys. */
  constants?: string;
}

/** What differs between the cell sets; `stored`, `clear` and the inserted columns follow from it. */
interface CellSpec {
  /** The table's name unless one table holds several sets (the prefix cells' spans). */
  name?: string;
  table: string;
  keys: string[];
  values: string[];
  derived: RawBuilder<unknown>;
  /** Which of the account's cells the set holds, beside its span: all of them when absent. */
  range?: RawBuilder<unknown>;
  /** task_prefix_cells' span of the set, held by and inserted with each of its cells. */
  span?: 0 | 1 | 24;
}

/** Small integers, read as int so they compare equal to the derived cells' values. */
const SMALLINT_COLUMNS = new Set(['pbin', 'dbin']);

/** `column` in [lo, hi). */
function within(column: string, lo: number, hi: number): RawBuilder<unknown> {
  return sql`${sql.ref(column)} >= ${lo} AND ${sql.ref(column)} < ${hi}`;
}

function cellSet(accountId: string, spec: CellSpec): CellSet {
  const held = [sql`account_id = ${accountId}`];
  if (spec.span !== undefined) held.push(sql`span = ${sql.lit(spec.span)}`);
  if (spec.range) held.push(spec.range);
  const where = sql.join(held, sql` AND `);
  const columns = [...spec.keys, ...spec.values];
  const selected = columns.map((column) =>
    SMALLINT_COLUMNS.has(column) ? `${column}::int AS ${column}` : column,
  );
  return {
    name: spec.name ?? spec.table,
    table: spec.table,
    keys: spec.keys,
    values: spec.values,
    derived: spec.derived,
    stored: sql`SELECT ${sql.raw(selected.join(', '))} FROM ${sql.table(spec.table)} WHERE ${where}`,
    clear: sql`DELETE FROM ${sql.table(spec.table)} WHERE ${where}`,
    insertColumns: [...columns, ...(spec.span === undefined ? [] : ['span'])].join(', '),
    constants: spec.span === undefined ? undefined : String(spec.span),
  };
}

function cellSets(accountId: string, lo: number, hi: number): CellSet[] {
  const from = new Date(lo * HOUR_MS);
  const to = new Date(hi * HOUR_MS);
  const rows = sql`tasks WHERE account_id = ${accountId} AND created_at >= ${from} AND created_at < ${to}`;
  const hours = within('hour', lo, hi);
  const dayLo = Math.floor(lo / 24);
  const dayHi = Math.ceil(hi / 24);
  const quarterLo = Math.floor(lo / 6);
  const quarterHi = Math.ceil(hi / 6);
  const slotLo = Math.floor(lo / 6) * 6;
  const slotHi = Math.ceil(hi / 6) * 6;
  const prefixKeys = ['slot', 'domain', 'prefix', 'status', 'object_type', 'reason'];
  const specs: CellSpec[] = [
    {
      table: 'task_cells',
      keys: ['hour', 'status', 'object_type', 'reason', 'domain', 'pbin'],
      values: ['n'],
      derived: sql`SELECT ${HOUR_OF} AS hour, status, object_type, coalesce(reason, '') AS reason, domain,
        ${PBIN} AS pbin, count(*)::int AS n FROM ${rows} GROUP BY 1, 2, 3, 4, 5, 6`,
      range: hours,
    },
    {
      table: 'task_hour_counts',
      keys: ['hour'],
      values: ['n'],
      derived: sql`SELECT ${HOUR_OF} AS hour, count(*)::int AS n FROM ${rows} GROUP BY 1`,
      range: hours,
    },
    {
      table: 'task_status_cells',
      keys: ['hour', 'status', 'object_type', 'reason', 'pbin'],
      values: ['n'],
      derived: sql`SELECT ${HOUR_OF} AS hour, status, object_type, coalesce(reason, '') AS reason,
        ${PBIN} AS pbin, count(*)::int AS n FROM ${rows} GROUP BY 1, 2, 3, 4, 5`,
      range: hours,
    },
    {
      name: 'task_prefix_cells (hours)',
      table: 'task_prefix_cells',
      keys: prefixKeys,
      values: ['n'],
      derived: sql`SELECT ${HOUR_OF} AS slot, domain, prefix, status, object_type, coalesce(reason, '') AS reason,
        count(*)::int AS n FROM ${rows} GROUP BY 1, 2, 3, 4, 5, 6`,
      span: 1,
      range: within('slot', lo, hi),
    },
    {
      table: 'task_failure_cells',
      keys: ['hour', 'reason', 'domain', 'prefix', 'object_type'],
      values: ['n', 'first_at', 'last_at'],
      derived: sql`SELECT ${HOUR_OF} AS hour, reason, domain, prefix, object_type, count(*)::int AS n,
        min(created_at) AS first_at, max(created_at) AS last_at
        FROM ${rows} AND reason IS NOT NULL GROUP BY 1, 2, 3, 4, 5`,
      range: hours,
    },
    {
      // migrations/0008-duration-cells.ts: rows whose end the sync saw, by duration bin.
      table: 'task_duration_cells',
      keys: ['hour', 'status', 'object_type', 'reason', 'domain', 'dbin'],
      values: ['n'],
      derived: sql`SELECT ${HOUR_OF} AS hour, status, object_type, coalesce(reason, '') AS reason, domain,
        task_duration_bin(created_at, finished_at)::int AS dbin, count(*)::int AS n
        FROM ${rows} AND finished_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6`,
      range: hours,
    },
    {
      // After the hour cells (0009-coarse-cells.ts): a quarter cell is the sum of its six hours'.
      table: 'task_status_quarters',
      keys: ['quarter', 'status', 'object_type', 'reason', 'pbin'],
      values: ['n'],
      derived: sql`SELECT hour / 6 AS quarter, status, object_type, reason, pbin::int AS pbin, sum(n)::int AS n
        FROM task_status_cells
        WHERE account_id = ${accountId} AND hour >= ${quarterLo * 6} AND hour < ${quarterHi * 6}
        GROUP BY 1, 2, 3, 4, 5`,
      range: within('quarter', quarterLo, quarterHi),
    },
    {
      // After the hour cells: a domain's day is the sum of its day's hour cells.
      table: 'task_domain_days',
      keys: ['day', 'domain', 'object_type'],
      values: ['n'],
      derived: sql`SELECT hour / 24 AS day, domain, object_type, sum(n)::int AS n FROM task_cells
        WHERE account_id = ${accountId} AND hour >= ${dayLo * 24} AND hour < ${dayHi * 24}
        GROUP BY 1, 2, 3`,
      range: within('day', dayLo, dayHi),
    },
    {
      // The same without reason and domain (0008), for the views without those filters.
      table: 'task_duration_type_cells',
      keys: ['hour', 'status', 'object_type', 'dbin'],
      values: ['n'],
      derived: sql`SELECT ${HOUR_OF} AS hour, status, object_type,
        task_duration_bin(created_at, finished_at)::int AS dbin, count(*)::int AS n
        FROM ${rows} AND finished_at IS NOT NULL GROUP BY 1, 2, 3, 4`,
      range: hours,
    },
    {
      // After the per-type hour cells: a 6-hour slot's cell is the sum of its hours'.
      table: 'task_duration_slot_cells',
      keys: ['hour', 'status', 'object_type', 'dbin'],
      values: ['n'],
      derived: sql`SELECT (hour / 6) * 6 AS hour, status, object_type, dbin::int AS dbin, sum(n)::int AS n
        FROM task_duration_type_cells
        WHERE account_id = ${accountId} AND hour >= ${slotLo} AND hour < ${slotHi} GROUP BY 1, 2, 3, 4`,
      range: within('hour', slotLo, slotHi),
    },
    {
      // After the hour cells (0013-duration-days.ts): a day's duration cell is the sum of its hours'.
      table: 'task_duration_days',
      keys: ['day', 'domain', 'object_type', 'dbin'],
      values: ['n'],
      derived: sql`SELECT hour / 24 AS day, domain, object_type, dbin::int AS dbin, sum(n)::int AS n
        FROM task_duration_cells
        WHERE account_id = ${accountId} AND hour >= ${dayLo * 24} AND hour < ${dayHi * 24}
        GROUP BY 1, 2, 3, 4`,
      range: within('day', dayLo, dayHi),
    },
    {
      // After the slot cells (0013-duration-days.ts): the same without the status.
      table: 'task_duration_type_slots',
      keys: ['hour', 'object_type', 'dbin'],
      values: ['n'],
      derived: sql`SELECT hour, object_type, dbin::int AS dbin, sum(n)::int AS n FROM task_duration_slot_cells
        WHERE account_id = ${accountId} AND hour >= ${slotLo} AND hour < ${slotHi} GROUP BY 1, 2, 3`,
      range: within('hour', slotLo, slotHi),
    },
    {
      // After the hour cells: a day cell is the sum of its day's hour cells.
      name: 'task_prefix_cells (days)',
      table: 'task_prefix_cells',
      keys: prefixKeys,
      values: ['n'],
      derived: sql`SELECT floor(slot / 24.0)::int AS slot, domain, prefix, status, object_type, reason,
        sum(n)::int AS n FROM task_prefix_cells
        WHERE account_id = ${accountId} AND span = 1 AND slot >= ${dayLo * 24} AND slot < ${dayHi * 24}
        GROUP BY 1, 2, 3, 4, 5, 6`,
      span: 24,
      range: within('slot', dayLo, dayHi),
    },
    {
      // After the day cells: the all-time cells are the sums of every day's.
      name: 'task_prefix_cells (all time)',
      table: 'task_prefix_cells',
      keys: prefixKeys,
      values: ['n'],
      derived: sql`SELECT 0 AS slot, domain, prefix, status, object_type, reason, sum(n)::int AS n
        FROM task_prefix_cells WHERE account_id = ${accountId} AND span = 24 GROUP BY 2, 3, 4, 5, 6`,
      span: 0,
    },
    {
      // After the all-time cells: the per-prefix totals are their sums.
      table: 'task_prefix_totals',
      keys: ['domain', 'prefix'],
      values: ['n', 'failed', 'origin_timeout'],
      derived: sql`SELECT domain, prefix, sum(n)::int AS n,
        coalesce(sum(n) FILTER (WHERE status = 'Failed'), 0)::int AS failed,
        coalesce(sum(n) FILTER (WHERE reason = 'origin-timeout'), 0)::int AS origin_timeout
        FROM task_prefix_cells WHERE account_id = ${accountId} AND span = 0 GROUP BY 1, 2`,
    },
  ];
  return specs.map((spec) => cellSet(accountId, spec));
}

/** Cells that differ between what is held and what the source says (one statement: one snapshot). */
async function differences(db: Kysely<Database>, set: CellSet): Promise<number> {
  const keys = sql.raw(set.keys.join(', '));
  const differs = sql.raw(set.values.map((v) => `d.${v} IS DISTINCT FROM s.${v}`).join(' OR '));
  const row = await sql<{ n: number | string }>`
    SELECT count(*) AS n FROM (${set.derived}) AS d FULL OUTER JOIN (${set.stored}) AS s USING (${keys})
    WHERE ${differs}`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

async function rebuild(db: Kysely<Database>, accountId: string, set: CellSet): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Writers wait meanwhile, so no row changes between the clear and the insert.
    await sql`LOCK TABLE tasks IN SHARE MODE`.execute(trx);
    await sql`${set.clear}`.execute(trx);
    const columns = set.constants ? `d.*, ${set.constants}` : 'd.*';
    await sql`INSERT INTO ${sql.raw(set.table)} (account_id, ${sql.raw(set.insertColumns)})
      SELECT ${accountId}, ${sql.raw(columns)} FROM (${set.derived}) AS d WHERE d.n <> 0`.execute(trx);
  });
}

/** The sets that span the whole account (all time, its counts): read in full, so checked less often. */
const ACCOUNT_WIDE = new Set(['task_prefix_cells (all time)', 'task_prefix_totals']);

/**
 * Checks (and on a difference rebuilds) the cells of the whole hours in [loMs, hiMs] and the days
 * they touch; with `accountWide` (the default) also the all-time cells, per-prefix totals and the
 * account's kept counts, which read all of the account's day or hour cells (half a second at 300,000
 * rows with thousands of prefixes). Answers how many cells differed (0 when all is well).
 */
export async function checkCells(
  db: Kysely<Database>,
  accountId: string,
  loMs: number,
  hiMs: number,
  options: { accountWide: boolean } = { accountWide: true },
): Promise<number> {
  const lo = Math.floor(loMs / HOUR_MS);
  const hi = Math.ceil(hiMs / HOUR_MS);
  let found = 0;
  for (const set of cellSets(accountId, lo, hi)) {
    if (!options.accountWide && ACCOUNT_WIDE.has(set.name)) continue;
    const differing = await differences(db, set);
    if (differing === 0) continue;
    found += differing;
    await rebuild(db, accountId, set);
    logger().warn(
      { account: accountId, cells: set.name, differing, from: new Date(lo * HOUR_MS).toISOString() },
      'count cells differed from their rows; rebuilt them',
    );
    metrics().storeCellRebuilds.inc({ account: accountId, cells: set.name }, differing);
  }
  if (options.accountWide) found += await checkAccountCounts(db, accountId);
  return found;
}

/** The kept per-account counts against the sums of the account's hour cells. */
async function checkAccountCounts(db: Kysely<Database>, accountId: string): Promise<number> {
  const sums = sql`SELECT coalesce(sum(n), 0)::bigint AS stored,
      coalesce(sum(n) FILTER (WHERE pbin >= 0), 0)::bigint AS in_flight
    FROM task_cells WHERE account_id = ${accountId}`;
  const result = await sql<{ stored: string | number; in_flight: string | number; differs: boolean }>`
    SELECT s.stored, s.in_flight,
      (c.stored IS DISTINCT FROM s.stored OR c.in_flight IS DISTINCT FROM s.in_flight)
        AND NOT (c.stored IS NULL AND s.stored = 0) AS differs
    FROM (${sums}) AS s LEFT JOIN task_counts c ON c.account_id = ${accountId}`.execute(db);
  if (!result.rows[0]?.differs) return 0;
  await db.transaction().execute(async (trx) => {
    await sql`LOCK TABLE tasks IN SHARE MODE`.execute(trx);
    await sql`INSERT INTO task_counts (account_id, stored, in_flight)
      SELECT ${accountId}, s.stored, s.in_flight FROM (${sums}) AS s
      ON CONFLICT (account_id) DO UPDATE SET stored = excluded.stored, in_flight = excluded.in_flight`.execute(
      trx,
    );
  });
  logger().warn({ account: accountId }, 'kept task counts differed from the cells; rebuilt them');
  metrics().storeCellRebuilds.inc({ account: accountId, cells: 'task_counts' });
  return 1;
}
