import 'server-only';
import { TaskCancelledError, TimeoutStrategy, timeout } from 'cockatiel';
import { logger } from '../logger';
import { metrics } from '../metrics';
import { upstreamCallerKey } from './caller-key';
import { isRetryable, retryDelayMs } from './retry-policy';
import type { UpstreamAction } from './settings';
import { toUpstreamError, UpstreamError } from './upstream-error';
import { type UpstreamRuntime, upstreamRuntime } from './upstream-runtime';

/**
 * One logical call to the CDN OpenAPI, with everything around it: the shared rate budget (fair
 * queue), the circuit breaker, a timeout per attempt, and retries with backoff. `send` makes exactly
 * one HTTP call and returns the app's shape. Every call reaches the upstream: its only caller is the
 * sync, which must see the upstream as it is, so there is no answer cache and no stale answer.
 */
export interface UpstreamCall<T> {
  /** Whose budget, queue and circuit the call goes through. */
  accountId: string;
  action: UpstreamAction;
  send: () => Promise<T>;
  /**
   * `throttled-only` for calls that change something upstream (a submission): a timeout or a 5xx
   * may have created the tasks already, so only a throttled answer, which created nothing, is tried
   * again. Reads retry every transient failure.
   */
  retry?: 'transient' | 'throttled-only';
  /**
   * Which service answers: the circuit is the CDN API's health, so only `cdn` calls pass it and count
   * in it. An STS call that fails (a network that lets only the CDN API out) must not stop the sync.
   */
  service?: 'cdn' | 'sts';
}

export async function callUpstream<T>(
  call: UpstreamCall<T>,
  runtime = upstreamRuntime(call.accountId),
): Promise<T> {
  await runtime.ready;
  return sendWithRetries(call, runtime, runtime.settings.maxAttempts);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The attempts of one call: each waits for its turn in the budget, passes the breaker, is timed. */
async function sendWithRetries<T>(
  call: UpstreamCall<T>,
  runtime: UpstreamRuntime,
  maxAttempts: number,
): Promise<T> {
  const { action } = call;
  const account = call.accountId;
  const caller = await upstreamCallerKey();
  const queue = runtime.queues[action];
  let firstAttemptAt: number | null = null;
  const throughCircuit = (call.service ?? 'cdn') === 'cdn';
  for (let attempt = 1; ; attempt += 1) {
    if (throughCircuit) runtime.circuit.assertClosed();
    const turn = queue.wait(caller);
    if ('refused' in turn) {
      metrics().throttles.inc({ account, action, source: 'dashboard' });
      throw queueFullError(turn.estimatedWaitMs);
    }
    const queuedAt = performance.now();
    await turn;
    metrics().queueWait.observe({ account, action }, (performance.now() - queuedAt) / 1000);
    firstAttemptAt ??= Date.now();

    const sentAt = performance.now();
    try {
      const attemptOnce = () => sendOnce(call.send, runtime.settings.callTimeoutMs);
      const value = await (throughCircuit ? runtime.circuit.execute(attemptOnce) : attemptOnce())
        // Answered or failed, the call has reached the upstream (or never will): say so at once.
        .finally(() => void runtime.budget.settled(action));
      metrics().upstreamCalls.inc({ account, action, code: 'OK' });
      metrics().upstreamDuration.observe(
        { account, action, outcome: 'ok' },
        (performance.now() - sentAt) / 1000,
      );
      return value;
    } catch (thrown) {
      const failure = thrown instanceof AttemptFailure ? thrown : null;
      const error = toUpstreamError(thrown);
      // A fail-fast refusal of the breaker never reached the upstream: nothing to count there.
      if (failure) {
        metrics().upstreamCalls.inc({ account, action, code: error.code });
        metrics().upstreamDuration.observe(
          { account, action, outcome: error.kind },
          (performance.now() - sentAt) / 1000,
        );
      }
      if (failure && error.kind === 'throttled') {
        metrics().throttles.inc({ account, action, source: 'upstream' });
        await runtime.budget.coolDown(action, failure.retryAfterMs ?? 1_000).catch(() => undefined);
      }
      const retryIn = retryDelayMs(attempt, error, failure?.retryAfterMs ?? null);
      const willRetry =
        isRetryable(error) &&
        (call.retry !== 'throttled-only' || error.kind === 'throttled') &&
        attempt < maxAttempts &&
        // The retry must be able to finish inside the window, or the sync's step would hang past it.
        Date.now() + retryIn + runtime.settings.callTimeoutMs - firstAttemptAt <=
          runtime.settings.retryWindowMs;
      logger().warn(
        {
          account,
          action,
          code: error.code,
          kind: error.kind,
          upstreamRequestId: error.requestId,
          attempt,
          retryInMs: willRetry ? retryIn : null,
        },
        'upstream call failed',
      );
      if (!willRetry) throw error;
      metrics().retries.inc({ account, action, kind: error.kind });
      await sleep(retryIn);
    }
  }
}

/** The failure of an attempt that reached (or tried to reach) the upstream, with its retry-after. */
class AttemptFailure extends UpstreamError {
  constructor(
    error: UpstreamError,
    readonly retryAfterMs: number | null,
  ) {
    super(error);
  }
}

async function sendOnce<T>(send: () => Promise<T>, timeoutMs: number): Promise<T> {
  try {
    // Aggressive: give up at the deadline even though the SDK's own socket timeout comes later.
    return await timeout(timeoutMs, TimeoutStrategy.Aggressive).execute(() => send());
  } catch (thrown) {
    if (thrown instanceof TaskCancelledError) {
      throw new AttemptFailure(
        new UpstreamError({
          kind: 'timeout',
          code: 'Timeout',
          message: 'The CDN API did not answer in time',
        }),
        null,
      );
    }
    const retryAfter = (thrown as { retryAfter?: unknown } | null)?.retryAfter;
    throw new AttemptFailure(toUpstreamError(thrown), typeof retryAfter === 'number' ? retryAfter : null);
  }
}

function queueFullError(estimatedWaitMs: number): UpstreamError {
  return new UpstreamError({
    kind: 'throttled',
    code: 'Dashboard.QueueFull',
    message: 'The account’s CDN API budget is fully booked; try again shortly.',
    retryAfterSeconds: Math.min(60, Math.max(1, Math.ceil(estimatedWaitMs / 1000))),
  });
}
