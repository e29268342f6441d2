import { describe, expect, it } from 'vitest';
import { FIRST_SLICE_MS, MAX_SLICE_MS, nextSliceMs, SLICE_TARGET_ROWS, sliceBelow } from './backfill-slices';

const HOUR = 3_600_000;

describe('backfill slices', () => {
  it('takes the slice just below the cursor, never past the retention edge', () => {
    expect(sliceBelow(10 * HOUR, 0, 2 * HOUR)).toEqual({ lo: 8 * HOUR, hi: 10 * HOUR });
    expect(sliceBelow(10 * HOUR, 9 * HOUR, 2 * HOUR)).toEqual({ lo: 9 * HOUR, hi: 10 * HOUR });
  });

  it('sizes the next slice for the target row count at the last slice’s density', () => {
    // 2,000 rows in 10 minutes: the next slice is 10 minutes again; 500 rows in an hour: four hours.
    expect(nextSliceMs(SLICE_TARGET_ROWS, FIRST_SLICE_MS)).toBe(FIRST_SLICE_MS);
    expect(nextSliceMs(SLICE_TARGET_ROWS / 4, HOUR)).toBe(4 * HOUR);
  });

  it('keeps slices between the first slice’s length and a day', () => {
    expect(nextSliceMs(0, HOUR)).toBe(MAX_SLICE_MS);
    expect(nextSliceMs(1, HOUR)).toBe(MAX_SLICE_MS);
    expect(nextSliceMs(100_000, HOUR)).toBe(FIRST_SLICE_MS);
    // An empty span counts as one millisecond rather than dividing by zero.
    expect(nextSliceMs(5, 0)).toBe(FIRST_SLICE_MS);
  });
});
