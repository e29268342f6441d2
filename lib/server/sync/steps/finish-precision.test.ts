import { describe, expect, it } from 'vitest';
import { finishPrecisionMs } from './finish-precision';

const NOW = Date.parse('2026-12-01T12:00:00Z');

describe('the precision of a seen end', () => {
  it('is the interval in force when the last read is within it, or never happened', () => {
    expect(finishPrecisionMs({ intervalMs: 5_000, lastReadAt: NOW - 3_000, now: NOW })).toBe(5_000);
    expect(finishPrecisionMs({ intervalMs: 5_000, lastReadAt: 0, now: NOW })).toBe(5_000);
  });

  it('is the time since the last read when that is longer', () => {
    expect(finishPrecisionMs({ intervalMs: 5_000, lastReadAt: NOW - 42_000, now: NOW })).toBe(42_000);
  });

  it('rounds up to whole seconds', () => {
    expect(finishPrecisionMs({ intervalMs: 5_000, lastReadAt: NOW - 7_001, now: NOW })).toBe(8_000);
    expect(finishPrecisionMs({ intervalMs: 300, lastReadAt: 0, now: NOW })).toBe(1_000);
  });
});
