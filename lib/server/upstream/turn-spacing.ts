import 'server-only';

/**
 * How a calls-per-second budget becomes turns: every call reserves a turn at least `spacing` after
 * the previous one (minimum spacing, the "GCRA" of network shapers), `at = max(now, next)`, then
 * `next = at + spacing`, and waits until `at`. An idle account calls at once; a burst is spread.
 *
 * Why spacing and not a window of N points: a fixed 1-second window lets N calls end one window and
 * N more start the next, 2N within milliseconds, and the upstream (a bucket holding one second's
 * worth) throttles the second half. Calls spaced S apart put at most ceil(W / S) of them in any
 * stretch of W ms; a call may reach the upstream up to 50 ms earlier or later than its turn, so a
 * sliding second there is at most 1.1 s of turns here. S = ceil(1100 / budget) therefore keeps every
 * sliding second within the budget, and the steady rate is budget / 1.1 (4.5/s of 5, 27/s of 30).
 * The previous scheme, one call per fixed slot of the wall clock, needed slots of 1.1 / (budget − 1)
 * seconds for the same guarantee and so gave up a whole call per second (3.6/s of 5).
 *
 * Why our own few lines rather than a library: rate-limiter-flexible (used for sign-in limits) counts
 * points in fixed or rolling windows and has no spacing primitive, and its fixed windows let 2N calls
 * through across a boundary; bottleneck has a `minTime` with Redis clustering but has not been
 * released since 2019 and keeps its queue in Redis, with nothing to fall back on while Redis is down.
 * Here the reservation is one compare-and-set: a line of arithmetic in memory, one small Lua script in
 * Redis (redis-turn-book.ts).
 */
const JITTER_MARGIN_MS = 100;

/** The least time between two calls' turns, in whole ms, for a budget in calls per second. */
export function spacingMs(callsPerSecond: number): number {
  return Math.ceil((1000 + JITTER_MARGIN_MS) / Math.max(callsPerSecond, 0.01));
}

/** A reserved turn: when it is, on the book's clock, and how long from now that is. */
export interface Turn {
  at: number;
  waitMs: number;
}

/** Where turns are reserved: this process's memory, or Redis for every instance at once. */
export interface TurnBook {
  /**
   * Reserves the next turn of `key`: `at = max(now + notBeforeMs, next)`, then `next = at +
   * spacingMs`. With `spacingMs = 0` it only pushes `next` to at least `now + notBeforeMs`: that is
   * how a cooldown holds every later turn back.
   */
  reserve(key: string, spacingMs: number, notBeforeMs?: number): Promise<Turn>;
}

export function memoryTurnBook(now: () => number = Date.now): TurnBook {
  const next = new Map<string, number>();
  return {
    async reserve(key, spacing, notBeforeMs = 0) {
      const current = now();
      const at = Math.max(current + notBeforeMs, next.get(key) ?? 0);
      next.set(key, Math.max(next.get(key) ?? 0, at + spacing));
      return { at, waitMs: at - current };
    },
  };
}
