/**
 * A read's rows sent by the database as one JSON text (docs/sync.md, "Count cells"). PGlite decodes
 * every field of every result row in JavaScript, a few microseconds each (measured at 300,000 rows:
 * a month's 1,900 duration groups cost 20 ms to receive and 5 ms to count), so a read of cells that
 * returns thousands of small groups spent more on its answer's transport than on the counting. One
 * `json_agg` of positional arrays is one field, decoded by JSON.parse: the same groups in about a
 * third of the time. The same SQL on PostgreSQL, where it costs nothing either way.
 */
import 'server-only';
import { type Expression, type Kysely, sql } from 'kysely';
import type { Database } from './schema';

/** JSON's spelling of what a column holds: timestamps arrive as ISO text, counts as numbers. */
type Packed<R> = { [K in keyof R]: R[K] extends Date ? string : R[K] };

/**
 * The rows of `query`, each with the named columns (every column the caller reads: no other
 * leaves the database). No order is kept; callers add the groups up.
 */
export async function readPacked<R extends object>(
  db: Kysely<Database>,
  query: Expression<R>,
  columns: ReadonlyArray<keyof R & string>,
): Promise<Array<Packed<R>>> {
  const fields = sql.join(columns.map((column) => sql.ref(`packed.${column}`)));
  const result = await sql<{ rows: string | null }>`
    SELECT json_agg(json_build_array(${fields}))::text AS rows FROM (${query}) AS packed`.execute(db);
  const text = result.rows[0]?.rows;
  if (!text) return [];
  return (JSON.parse(text) as unknown[][]).map(
    (values) => Object.fromEntries(columns.map((column, i) => [column, values[i]])) as Packed<R>,
  );
}
