import 'server-only';
import { TaskCancelledError, TimeoutStrategy, timeout } from 'cockatiel';
import { logger } from '../logger';
import { metrics } from '../metrics';
import { noteUpstreamAnswer } from '../request-context';
import { toUpstreamError, UpstreamError } from '../upstream-error';
import { answersWindow, type CachedAnswer, callFamily } from './answer-cache';
import { upstreamCallerKey } from './caller-key';
import { isRetryable, retryDelayMs } from './retry-policy';
import type { UpstreamAction } from './settings';
import { type InFlightCall, type UpstreamRuntime, upstreamRuntime } from './upstream-runtime';

/**
 * One logical call to the CDN OpenAPI, with everything around it: answer cache and in-flight
 * sharing, the shared rate budget (fair queue), the circuit breaker, a timeout per attempt, retries
 * with backoff, and stale-if-error. `send` makes exactly one HTTP call and returns the app's shape.
 */
export interface UpstreamCall<T> {
  action: UpstreamAction;
  /** The call's parameters, in any stable shape: they key the cache. */
  params: Record<string, unknown>;
  send: () => Promise<T>;
  /** false for calls that must see the upstream as it is now (the sync): no cache, no sharing. */
  reuse?: boolean;
}

export async function callUpstream<T>(call: UpstreamCall<T>, runtime = upstreamRuntime()): Promise<T> {
  await runtime.ready;
  const reuse = call.reuse !== false;
  if (!reuse) return (await fetchAnswer(call, runtime, runtime.settings.maxAttempts)).value;

  const { family, windowEnd } = callFamily(call.action, call.params);
  const now = Date.now();
  const count = (result: string) => metrics().cache.inc({ action: call.action, result });
  const cached = await runtime.answers.get<T>(family);
  if (
    cached &&
    now - cached.fetchedAt <= runtime.settings.cacheTtlMs[call.action] &&
    answersWindow(cached, windowEnd, now)
  ) {
    count('hit');
    noteUpstreamAnswer(cached.fetchedAt, false);
    return cached.value;
  }
  const shared = findInFlight(runtime.inFlight.get(family), windowEnd, now);
  if (shared) {
    count('shared');
    const answer = (await shared.promise) as CachedAnswer<T>;
    noteUpstreamAnswer(answer.fetchedAt, false);
    return answer.value;
  }

  count('miss');
  const pending = fetchAnswer(call, runtime, runtime.settings.maxAttempts).then(
    (fresh): CachedAnswer<T> => ({ value: fresh.value, fetchedAt: fresh.fetchedAt, windowEnd }),
  );
  const entry: InFlightCall = { windowEnd, startedAt: now, promise: pending };
  const calls = runtime.inFlight.get(family) ?? [];
  calls.push(entry);
  runtime.inFlight.set(family, calls);
  try {
    const answer = await pending;
    await runtime.answers.set(
      family,
      answer,
      Math.max(runtime.settings.staleMaxAgeMs, runtime.settings.cacheTtlMs[call.action]),
    );
    noteUpstreamAnswer(answer.fetchedAt, false);
    return answer.value;
  } catch (error) {
    const stale = staleAllowed(error, runtime) ? await runtime.answers.get<T>(family) : null;
    if (stale && Date.now() - stale.fetchedAt <= runtime.settings.staleMaxAgeMs) {
      count('stale');
      logger().warn(
        {
          action: call.action,
          code: error instanceof UpstreamError ? error.code : 'unknown',
          fetchedAt: new Date(stale.fetchedAt).toISOString(),
        },
        'upstream failed; serving the last good answer',
      );
      noteUpstreamAnswer(stale.fetchedAt, true);
      return stale.value;
    }
    throw error;
  } finally {
    const left = (runtime.inFlight.get(family) ?? []).filter((other) => other !== entry);
    if (left.length > 0) runtime.inFlight.set(family, left);
    else runtime.inFlight.delete(family);
  }
}

function findInFlight(
  calls: InFlightCall[] | undefined,
  windowEnd: number | null,
  now: number,
): InFlightCall | undefined {
  return calls?.find((other) =>
    answersWindow({ value: null, fetchedAt: other.startedAt, windowEnd: other.windowEnd }, windowEnd, now),
  );
}

function staleAllowed(error: unknown, runtime: UpstreamRuntime): boolean {
  if (!(error instanceof UpstreamError) || error.kind === 'refused') return false;
  const policy = runtime.settings.stalePolicy;
  return policy === 'all' || (policy === 'throttled' && error.kind === 'throttled');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The attempts of one call: each waits for its turn in the budget, passes the breaker, is timed. */
async function fetchAnswer<T>(
  call: UpstreamCall<T>,
  runtime: UpstreamRuntime,
  maxAttempts: number,
): Promise<{ value: T; fetchedAt: number }> {
  const { action } = call;
  const caller = await upstreamCallerKey();
  const queue = runtime.queues[action];
  let firstAttemptAt: number | null = null;
  for (let attempt = 1; ; attempt += 1) {
    runtime.circuit.assertClosed();
    const turn = queue.wait(caller);
    if ('refused' in turn) {
      metrics().throttles.inc({ action, source: 'dashboard' });
      throw queueFullError(turn.estimatedWaitMs);
    }
    const queuedAt = performance.now();
    await turn;
    metrics().queueWait.observe({ action }, (performance.now() - queuedAt) / 1000);
    firstAttemptAt ??= Date.now();

    const sentAt = performance.now();
    try {
      const value = await runtime.circuit.execute(() => sendOnce(call.send, runtime.settings.callTimeoutMs));
      metrics().upstreamCalls.inc({ action, code: 'OK' });
      metrics().upstreamDuration.observe({ action, outcome: 'ok' }, (performance.now() - sentAt) / 1000);
      return { value, fetchedAt: Date.now() };
    } catch (thrown) {
      const failure = thrown instanceof AttemptFailure ? thrown : null;
      const error = toUpstreamError(thrown);
      // A fail-fast refusal of the breaker never reached the upstream: nothing to count there.
      if (failure) {
        metrics().upstreamCalls.inc({ action, code: error.code });
        metrics().upstreamDuration.observe(
          { action, outcome: error.kind },
          (performance.now() - sentAt) / 1000,
        );
      }
      if (failure && error.kind === 'throttled') {
        metrics().throttles.inc({ action, source: 'upstream' });
        await runtime.budget.coolDown(action, failure.retryAfterMs ?? 1_000).catch(() => undefined);
      }
      const retryIn = retryDelayMs(attempt, error, failure?.retryAfterMs ?? null);
      const willRetry =
        isRetryable(error) &&
        attempt < maxAttempts &&
        // The retry must be able to finish inside the window, or the page would hang past it.
        Date.now() + retryIn + runtime.settings.callTimeoutMs - firstAttemptAt <=
          runtime.settings.retryWindowMs;
      logger().warn(
        {
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
      metrics().retries.inc({ action, kind: error.kind });
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
