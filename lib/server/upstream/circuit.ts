import 'server-only';
import {
  BrokenCircuitError,
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
} from 'cockatiel';
import { UpstreamError } from './upstream-error';

/**
 * Fails fast while the upstream is down instead of making every request wait out its timeouts and
 * retries: after N consecutive failed calls (unreachable, timed out, 5xx, unreadable) the circuit
 * opens; after a pause one trial call goes through, and its success closes it again. Throttling and
 * refusals say nothing about the upstream's health and do not count.
 */
export class UpstreamCircuit {
  private readonly policy: CircuitBreakerPolicy;
  private openedAt = 0;

  constructor(
    failures: number,
    private readonly halfOpenAfterMs: number,
    onChange: (open: boolean) => void = () => {},
  ) {
    this.policy = circuitBreaker(
      handleWhen(
        (error) =>
          error instanceof UpstreamError &&
          (error.kind === 'unavailable' || error.kind === 'timeout' || error.kind === 'broken'),
      ),
      { halfOpenAfter: halfOpenAfterMs, breaker: new ConsecutiveBreaker(failures) },
    );
    this.policy.onBreak(() => {
      this.openedAt = Date.now();
      onChange(true);
    });
    this.policy.onReset(() => onChange(false));
  }

  /** Throws the fail-fast error while the circuit is open and no trial is due yet. */
  assertClosed(): void {
    if (this.policy.state !== CircuitState.Open) return;
    const left = this.openedAt + this.halfOpenAfterMs - Date.now();
    if (left > 0) throw circuitOpenError(left);
  }

  async execute<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await this.policy.execute(call);
    } catch (error) {
      if (error instanceof BrokenCircuitError) throw circuitOpenError(this.halfOpenAfterMs);
      throw error;
    }
  }
}

function circuitOpenError(retryInMs: number): UpstreamError {
  return new UpstreamError({
    kind: 'unavailable',
    code: 'Dashboard.CircuitOpen',
    message: 'The CDN API failed repeatedly; the dashboard pauses its calls for a moment.',
    retryAfterSeconds: Math.max(1, Math.ceil(retryInMs / 1000)),
  });
}
