import { describe, expect, it } from 'vitest';
import { finishPrecisionMs } from './finish-precision';

const NOW = Date.parse('2026-12-01T12:00:00Z');

describe('the precision of a seen end', () => {
  it('is the interval in force when the last call that saw the row in flight was sent within it', () => {
    expect(finishPrecisionMs({ intervalMs: 5_000, seenInFlightAt: NOW - 3_000, now: NOW })).toBe(5_000);
  });

  it('is the time since that call when that is longer', () => {
    expect(finishPrecisionMs({ intervalMs: 5_000, seenInFlightAt: NOW - 42_000, now: NOW })).toBe(42_000);
  });

  it('is unknown when no call of this process saw the row in flight', () => {
    expect(finishPrecisionMs({ intervalMs: 5_000, seenInFlightAt: undefined, now: NOW })).toBeNull();
  });

  it('rounds up to whole seconds', () => {
    expect(finishPrecisionMs({ intervalMs: 5_000, seenInFlightAt: NOW - 7_001, now: NOW })).toBe(8_000);
    expect(finishPrecisionMs({ intervalMs: 300, seenInFlightAt: NOW, now: NOW })).toBe(1_000);
  });
});
