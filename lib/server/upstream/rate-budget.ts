import 'server-only';
import type { UpstreamAction } from './settings';
import { spacingMs, type TurnBook } from './turn-spacing';

/**
 * The account's call budget, one per action: every call reserves a turn spaced from the previous
 * one (turn-spacing.ts), in a book shared through Redis by every instance when there is one (in
 * memory otherwise). A throttled answer from the upstream additionally holds every later turn back
 * for the time the upstream asked for, on every instance.
 */
export interface RateBudget {
  /** Resolves at this caller's turn to send one call of `action`. */
  take(action: UpstreamAction): Promise<void>;
  /** The upstream throttled us anyway (another client on the same key, say): pause everyone. */
  coolDown(action: UpstreamAction, ms: number): Promise<void>;
  /** The least time between two calls of `action`: how long a turn lasts, for wait estimates. */
  spacingMs(action: UpstreamAction): number;
}

/**
 * The first calls this instance makes after a pause (or ever) reach the upstream later after their
 * turn than the 50 ms of jitter the spacing allows: a new connection, and in a fresh process the
 * SDK's and the runtime's cold code (measured against the local emulator on a busy 2-core machine:
 * the first call 95–165 ms later than the steady ones, sometimes the second ~100 ms). A late call
 * crowds the calls behind it into one second, so each of the first COLD_CALLS after a pause is
 * followed by COLD_CALL_MARGIN_MS more: up to 300 ms of lateness absorbed, for 0.3 s per pause.
 */
export const COLD_CALLS = 3;
export const COLD_CALL_MARGIN_MS = 100;
/** A pause longer than this makes the next calls cold ones (idle keep-alive sockets close after ~5 s). */
export const COLD_AFTER_MS = 4_000;

type Sleep = (ms: number) => Promise<void>;
const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function createRateBudget(options: {
  ratePerSecond: Record<UpstreamAction, number>;
  book: TurnBook;
  now?: () => number;
  sleep?: Sleep;
}): RateBudget {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const spacings: Record<UpstreamAction, number> = {
    DescribeRefreshTasks: spacingMs(options.ratePerSecond.DescribeRefreshTasks),
    DescribeRefreshTaskById: spacingMs(options.ratePerSecond.DescribeRefreshTaskById),
  };
  // This instance's own last turn and cold calls left, per action, on its own clock.
  const warmth = new Map<UpstreamAction, { lastTurnAt: number; coldLeft: number }>();

  /** The spacing to leave after this call: wider for the first calls after a pause. */
  function spacingAfter(action: UpstreamAction): number {
    const current = now();
    const state = warmth.get(action) ?? { lastTurnAt: Number.NEGATIVE_INFINITY, coldLeft: 0 };
    if (current - state.lastTurnAt > COLD_AFTER_MS) state.coldLeft = COLD_CALLS;
    const cold = state.coldLeft > 0;
    if (cold) state.coldLeft -= 1;
    // Marked now, so a concurrent take does not see a pause; moved to the turn once it is known.
    state.lastTurnAt = Math.max(state.lastTurnAt, current);
    warmth.set(action, state);
    return spacings[action] + (cold ? COLD_CALL_MARGIN_MS : 0);
  }

  return {
    spacingMs: (action) => spacings[action],
    async take(action) {
      const turn = await options.book.reserve(action, spacingAfter(action));
      const state = warmth.get(action);
      if (state) state.lastTurnAt = Math.max(state.lastTurnAt, now() + turn.waitMs);
      if (turn.waitMs > 0) await sleep(turn.waitMs);
    },
    async coolDown(action, ms) {
      await options.book.reserve(action, 0, ms);
    },
  };
}
