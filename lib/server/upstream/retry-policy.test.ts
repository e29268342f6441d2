import { describe, expect, it } from 'vitest';
import { isRetryable, retryDelayMs } from './retry-policy';
import { UpstreamError, type UpstreamFailureKind } from './upstream-error';

const failure = (kind: UpstreamFailureKind, code = 'X') => new UpstreamError({ kind, code, message: 'm' });

describe('retry policy', () => {
  it('retries transient failures and never refusals or the dashboard’s own fail-fast answers', () => {
    for (const kind of ['throttled', 'unavailable', 'timeout', 'broken'] as const) {
      expect(isRetryable(failure(kind))).toBe(true);
    }
    expect(isRetryable(failure('refused', 'InvalidParameter'))).toBe(false);
    expect(isRetryable(failure('throttled', 'Dashboard.QueueFull'))).toBe(false);
    expect(isRetryable(failure('unavailable', 'Dashboard.CircuitOpen'))).toBe(false);
  });

  it('waits what x-acs-retry-after asks for, plus a little jitter', () => {
    expect(retryDelayMs(1, failure('throttled'), 1_500, () => 0)).toBe(1_500);
    expect(retryDelayMs(1, failure('throttled'), 1_500, () => 1)).toBe(1_600);
  });

  it('backs off exponentially with jitter, capped', () => {
    const low = (attempt: number) => retryDelayMs(attempt, failure('broken'), null, () => 0);
    const high = (attempt: number) => retryDelayMs(attempt, failure('broken'), null, () => 1);
    expect(high(1)).toBe(250);
    expect(high(2)).toBe(500);
    expect(high(3)).toBe(1_000);
    expect(high(10)).toBe(2_000);
    expect(low(3)).toBeLessThan(high(3));
    expect(retryDelayMs(1, failure('throttled'), null, () => 1)).toBe(500);
  });
});
