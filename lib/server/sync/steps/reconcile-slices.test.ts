import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECONCILE_SLICE_MS, reconcileSliceAt } from './reconcile-slices';

const HOUR = 3_600_000;
const TOP = Date.parse('2026-12-01T12:00:00.500Z');

describe('reconcile rotation', () => {
  it('walks from the top down in 3-hour slices, then starts again at the top', () => {
    const edge = TOP - 7 * HOUR;
    const walk = [0, 1, 2, 3].map((position) => reconcileSliceAt(position, TOP, edge));
    const top = TOP - 500;
    expect(walk.map(({ index, next }) => [index, next])).toEqual([
      [0, 1],
      [1, 2],
      [2, 0],
      [0, 1],
    ]);
    expect(walk[0]).toMatchObject({ hi: top, lo: top - 3 * HOUR });
    expect(walk[1]).toMatchObject({ hi: top - 3 * HOUR, lo: top - 6 * HOUR });
    // The last slice stops at the edge.
    expect(walk[2]).toMatchObject({ hi: top - 6 * HOUR, lo: edge });
  });

  it('takes a saved position modulo the slices there are now', () => {
    expect(reconcileSliceAt(7, TOP, TOP - 7 * HOUR)).toMatchObject({ index: 1, next: 2 });
  });

  it('gives an empty slice when the top is below the edge', () => {
    const slice = reconcileSliceAt(0, TOP - 2 * HOUR, TOP);
    expect(slice.hi).toBeLessThanOrEqual(slice.lo);
    expect(slice.next).toBe(0);
  });

  it('covers the whole window once per round, without gaps or overlaps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 72 * HOUR }), (span) => {
        const top = Date.parse('2026-12-01T12:00:00Z');
        const edge = top - span;
        const slices = [];
        let position = 0;
        do {
          const slice = reconcileSliceAt(position, top, edge);
          slices.push(slice);
          position = slice.next;
        } while (position !== 0);
        expect(slices[0]?.hi).toBe(top);
        expect(slices.at(-1)?.lo).toBe(edge);
        for (let i = 1; i < slices.length; i += 1) expect(slices[i]?.hi).toBe(slices[i - 1]?.lo);
        for (const slice of slices) expect(slice.hi - slice.lo).toBeLessThanOrEqual(RECONCILE_SLICE_MS);
      }),
    );
  });
});
