import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IN_FLIGHT_STATUSES, isInFlight, OFFERED_STATUSES } from '@/lib/task';
import { IN_FLIGHT_PROGRESS_BIN, inFlightCondition } from './in-flight-sql';

describe("the store's SQL for in flight", () => {
  // Started in a hook of its own: PGlite's start (seconds on a busy machine) is not the first test's time.
  let pglite: PGlite;
  beforeAll(async () => {
    pglite = await PGlite.create();
  }, 120_000);
  afterAll(() => pglite.close());
  const statuses = [...OFFERED_STATUSES, 'Unknown'];

  it('holds the same statuses as isInFlight, and only those', async () => {
    const { rows } = await pglite.query<{ status: string; in_flight: boolean }>(
      `SELECT status, ${inFlightCondition()} AS in_flight FROM unnest($1::text[]) AS t(status)`,
      [statuses],
    );
    expect(rows.filter((row) => row.in_flight).map((row) => row.status)).toEqual(
      statuses.filter((status) => isInFlight({ status })),
    );
    expect(new Set(rows.filter((row) => row.in_flight).map((row) => row.status))).toEqual(
      new Set(IN_FLIGHT_STATUSES),
    );
  });

  it('bins the progress of rows in flight only', async () => {
    const { rows } = await pglite.query<{ bin: number }>(
      `SELECT ${IN_FLIGHT_PROGRESS_BIN} AS bin FROM (VALUES ('Refreshing', 0), ('Pending', 35), ('Refreshing', 100), ('Complete', 100)) AS t(status, progress)`,
    );
    expect(rows.map((row) => row.bin)).toEqual([0, 3, 9, -1]);
  });

  it('names the column it is asked about', () => {
    expect(inFlightCondition('excluded.status')).toBe("excluded.status IN ('Pending', 'Refreshing')");
  });
});
