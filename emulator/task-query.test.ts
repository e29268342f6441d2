/**
 * A page of a time window without other filters is found by binary search (task-query.ts): it must
 * hold exactly the rows, in exactly the order, that the full scan yields, created tasks placed among
 * the generated ones included, at any offset.
 */
import { describe, expect, it } from 'vitest';
import { generateDataset } from './dataset';
import { OBJECT_TYPES } from './task-model';
import { queryTasks, type TaskRef, type TaskSource } from './task-query';
import { TaskTable } from './task-table';
import { HOUR, MINUTE } from './utc-time';

const START = Date.parse('2026-11-28T12:00:00Z');
const dataset = generateDataset({ seed: 5, tasks: 4_000, startInstant: START, extendedKinds: true });

/** Created tasks: some in seconds the generated rows also use, some in seconds of their own. */
function created(): TaskTable {
  const table = new TaskTable();
  const sorted = dataset.table;
  // Among the rows that exist at START (the table also holds the arrivals still to come).
  const existing = sorted.upperBound(START - 1_000);
  for (let k = 0; k < 60; k++) {
    const i = Math.floor((k * existing) / 60);
    const sameSecond = k % 2 === 0;
    table.push({
      createdAt: (sorted.createdAt[i] ?? 0) + (sameSecond ? 0 : 500),
      taskId: dataset.nextTaskId + k * 3,
      domain: sorted.domain[i] ?? 0,
      type: sorted.type[i] ?? 0,
      outcome: sorted.outcome[i] ?? 0,
      pendingMs: 1_000,
      runMs: 60_000,
      failAtPercent: 10,
      bareProcess: false,
      objectPath: `https://example.test/created-${k}`,
    });
  }
  // Created in order of time, as the API appends them; their ids grow with it.
  return table;
}

const source: TaskSource = { sorted: dataset.table, appended: created() };
/** Every type: a filter that keeps every row but goes through the full scan. */
const EVERY_TYPE = new Set(OBJECT_TYPES.map((_, i) => i));

const keys = (rows: TaskRef[]) => rows.map((row) => `${row.table === source.sorted ? 's' : 'a'}${row.index}`);

describe('a page of a time window', () => {
  it('keeps the generated table newest-last, which the binary search relies on', () => {
    const table = dataset.table;
    const outOfOrder: number[] = [];
    for (let i = 1; i < table.length; i++) {
      const byTime = (table.createdAt[i] ?? 0) - (table.createdAt[i - 1] ?? 0);
      if (byTime < 0 || (byTime === 0 && (table.taskId[i] ?? 0) < (table.taskId[i - 1] ?? 0)))
        outOfOrder.push(i);
    }
    expect(outOfOrder).toEqual([]);
  });

  it.each([
    ['the whole 3 days', undefined, undefined],
    [
      'six hours',
      (source.appended.createdAt[20] ?? 0) - 3 * HOUR,
      (source.appended.createdAt[20] ?? 0) + 3 * HOUR,
    ],
    [
      'ten minutes',
      (source.appended.createdAt[41] ?? 0) - 5 * MINUTE,
      (source.appended.createdAt[41] ?? 0) + 5 * MINUTE,
    ],
  ])('equals the full scan over %s at every offset', (_name, from, to) => {
    const now = START;
    const window = from === undefined ? {} : { from, to };
    const scan = queryTasks(source, { ...window, types: EVERY_TYPE }, now, 0, 1_000_000);
    expect(scan.rows.some((row) => row.table === source.appended)).toBe(true);
    for (const [offset, limit] of [
      [0, 100],
      [1, 7],
      [99, 100],
      [scan.total - 5, 100],
      [scan.total, 100],
      [Math.floor(scan.total / 3), 250],
    ] as const) {
      const page = queryTasks(source, window, now, offset, limit);
      expect(page.total).toBe(scan.total);
      expect(keys(page.rows)).toEqual(keys(scan.rows.slice(offset, offset + limit)));
    }
    const whole = queryTasks(source, window, now, 0, 1_000_000);
    expect(keys(whole.rows)).toEqual(keys(scan.rows));
  });
});
