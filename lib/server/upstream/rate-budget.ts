import 'server-only';
import { UPSTREAM_ACTIONS, type UpstreamAction } from './settings';
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
  /** The call sent at the last turn has its answer (or failed): a cold call's followers may go. */
  settled(action: UpstreamAction): Promise<void>;
  /** The upstream throttled us anyway (another client on the same key, say): pause everyone. */
  coolDown(action: UpstreamAction, ms: number): Promise<void>;
  /** The least time between two calls of `action`: how long a turn lasts, for wait estimates. */
  spacingMs(action: UpstreamAction): number;
}

/**
 * The first call this instance makes after a pause (or ever) is a cold one: it may need a new
 * connection, and in a fresh process the SDK's code still has to compile, so it reaches the upstream
 * much later after its turn than the 50 ms of jitter the spacing allows (measured against the local
 * emulator on a busy 2-core machine: 100–300 ms), and would crowd the calls behind it into one
 * second. So it goes alone: this instance's next call waits for its answer and then a spacing, and
 * the turn after it is held COLD_CALL_MARGIN_MS longer for the other instances. It costs one round
 * trip per pause.
 */
const COLD_CALL_MARGIN_MS = 250;
/** A pause longer than this makes the next call a cold one (idle keep-alive sockets close after ~5 s). */
const COLD_AFTER_MS = 4_000;

type Sleep = (ms: number) => Promise<void>;
const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

interface Warmth {
  /** This instance's last turn, on its own clock. */
  lastTurnAt: number;
  /** While a cold call is out: opens at its answer (or after maxColdWaitMs, whatever happened). */
  gate: { opened: Promise<void>; open: () => void } | null;
}

export function createRateBudget(options: {
  ratePerSecond: Record<UpstreamAction, number>;
  book: TurnBook;
  /** The longest a cold call keeps this instance's next call waiting: its timeout. */
  maxColdWaitMs?: number;
  now?: () => number;
  sleep?: Sleep;
}): RateBudget {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const maxColdWaitMs = options.maxColdWaitMs ?? 5_000;
  const spacings = Object.fromEntries(
    UPSTREAM_ACTIONS.map((action) => [action, spacingMs(options.ratePerSecond[action])]),
  ) as Record<UpstreamAction, number>;
  const warmth = Object.fromEntries(
    UPSTREAM_ACTIONS.map((action) => [action, { lastTurnAt: Number.NEGATIVE_INFINITY, gate: null }]),
  ) as Record<UpstreamAction, Warmth>;

  function openGate(state: Warmth): void {
    let open = () => {};
    const opened = new Promise<void>((resolve) => {
      open = resolve;
    });
    const timer = setTimeout(() => open(), maxColdWaitMs);
    timer.unref?.();
    const gate = {
      opened,
      open: () => {
        clearTimeout(timer);
        open();
      },
    };
    state.gate = gate;
    void opened.then(() => {
      if (state.gate === gate) state.gate = null;
    });
  }

  return {
    spacingMs: (action) => spacings[action],
    async take(action) {
      const state = warmth[action];
      if (state.gate) await state.gate.opened;
      const cold = now() - state.lastTurnAt > COLD_AFTER_MS;
      // Marked before the reservation, so a concurrent take does not count as cold too.
      state.lastTurnAt = Math.max(state.lastTurnAt, now());
      const turn = await options.book.reserve(action, spacings[action] + (cold ? COLD_CALL_MARGIN_MS : 0));
      state.lastTurnAt = Math.max(state.lastTurnAt, now() + turn.waitMs);
      if (cold) openGate(state);
      if (turn.waitMs > 0) await sleep(turn.waitMs);
    },
    async settled(action) {
      const gate = warmth[action].gate;
      if (!gate) return;
      // The cold call reached the upstream by now at the latest: the next turn is a spacing later.
      await options.book.reserve(action, 0, spacings[action]).catch(() => undefined);
      gate.open();
    },
    async coolDown(action, ms) {
      await options.book.reserve(action, 0, ms);
    },
  };
}
