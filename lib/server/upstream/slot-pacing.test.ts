import { describe, expect, it } from 'vitest';
import { msUntilNextSlot, slotIndex, slotMs } from './slot-pacing';

/** The worst case: one call at the very end of a slot, the next at the very start of the next. */
function worstCaseCallTimes(lengthMs: number, slots: number): number[] {
  return Array.from({ length: slots }, (_, index) =>
    index % 2 === 0 ? (index + 1) * lengthMs - 1 : index * lengthMs,
  );
}

function mostInAnyWindow(times: number[], windowMs: number): number {
  let most = 0;
  for (const start of times)
    most = Math.max(most, times.filter((t) => t >= start && t < start + windowMs).length);
  return most;
}

describe('slot pacing', () => {
  for (const budget of [2, 5, 10, 30, 50]) {
    it(`never puts more than ${budget} calls in any second, even 100 ms off (budget ${budget}/s)`, () => {
      const length = slotMs(budget);
      const times = worstCaseCallTimes(length, 200);
      // Calls reaching the upstream up to 100 ms early or late shrink a window by up to 100 ms.
      expect(mostInAnyWindow(times, 1_100)).toBeLessThanOrEqual(budget);
    });
  }

  it('keeps most of the budget as steady throughput', () => {
    expect(1000 / slotMs(5)).toBeGreaterThan(3.5);
    expect(1000 / slotMs(30)).toBeGreaterThan(26);
  });

  it('numbers slots by the wall clock, so every instance agrees on them', () => {
    expect(slotIndex(1_000, 250)).toBe(4);
    expect(slotIndex(1_249, 250)).toBe(4);
    expect(msUntilNextSlot(1_100, 250)).toBe(150);
  });
});
