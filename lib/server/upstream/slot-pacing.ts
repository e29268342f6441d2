import 'server-only';

/**
 * How a calls-per-second budget becomes slots: one call per fixed slot of the wall clock, keyed by
 * the slot's number in a shared limiter. Why slots and not a 1-second window with N points: such a
 * window lets N calls end one window and N more start the next, 2N within milliseconds, and the
 * upstream (a token bucket holding one second's worth) throttles the second half.
 *
 * With one call per slot of length D, any sliding second holds at most ceil(1/D) + 1 calls. Taking
 * D = JITTER_MARGIN / (budget - 1) keeps that at the budget even when calls reach the upstream up
 * to 10 % of a second later or earlier than they were granted. The steady rate is therefore a
 * little under the budget: (budget - 1) / 1.1 calls per second (3.6/s for 5/s, 26/s for 30/s).
 */
export const JITTER_MARGIN = 1.1;

export function slotMs(callsPerSecond: number): number {
  const whole = Math.floor(callsPerSecond);
  // A budget under 2/s cannot be met exactly by one-call slots; two seconds per call stays under it.
  if (whole < 2) return Math.ceil((2 * 1000 * JITTER_MARGIN) / Math.max(callsPerSecond, 0.1));
  return Math.ceil((1000 * JITTER_MARGIN) / (whole - 1));
}

export function slotIndex(nowMs: number, lengthMs: number): number {
  return Math.floor(nowMs / lengthMs);
}

/** Milliseconds from `nowMs` until the next slot opens. */
export function msUntilNextSlot(nowMs: number, lengthMs: number): number {
  return (slotIndex(nowMs, lengthMs) + 1) * lengthMs - nowMs;
}
