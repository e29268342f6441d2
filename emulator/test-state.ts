/** A frozen emulator state and a direct way to call an action, for tests that need no HTTP. */
import type { ActionHandler, ActionResult } from './action-context';
import { ActionParams } from './action-params';
import { ApiError } from './api-error';
import { EmulatorClock } from './clock';
import { EMULATOR_DEFAULTS } from './defaults';
import { EmulatorState } from './state';

export const TEST_NOW = Date.parse('2026-11-28T08:00:00Z');

export function frozenState(tasks = 1000, seed = 11, now = TEST_NOW, extendedKinds = false): EmulatorState {
  const clock = new EmulatorClock(() => now);
  return new EmulatorState(
    clock,
    { seed, tasks, startInstant: now, extendedKinds },
    { rateLimits: 'off', throttleShape: '400' },
  );
}

export function invoke<T = ActionResult>(
  handler: ActionHandler,
  state: EmulatorState,
  params: Record<string, string | number | boolean>,
): T {
  const values = new Map(Object.entries(params).map(([k, v]) => [k, String(v)]));
  return handler({
    params: new ActionParams(values),
    state,
    accessKeyId: 'k',
    accountId: EMULATOR_DEFAULTS.accountId,
    now: state.now(),
  }) as T;
}

/** The ApiError an action throws (fails the test if it does not throw one). */
export function refusal(call: () => unknown): ApiError {
  try {
    call();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}
