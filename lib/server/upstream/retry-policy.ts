import 'server-only';
import type { UpstreamError } from './upstream-error';

/**
 * When a failed call is worth another attempt, and after how long. Throttling (every shape),
 * unavailability, 5xx, unreadable answers and timeouts are transient; a refusal (4xx: parameters,
 * credentials, permissions) will say the same again. Failures the dashboard decided itself (its own
 * queue is full, the circuit is open) are not retried either: waiting is exactly what they avoid.
 */
const DASHBOARD_CODES = new Set(['Dashboard.QueueFull', 'Dashboard.CircuitOpen']);

export function isRetryable(error: UpstreamError): boolean {
  if (DASHBOARD_CODES.has(error.code)) return false;
  return error.kind !== 'refused';
}

const BASE_DELAY_MS = 250;
const THROTTLED_BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 2_000;

/**
 * Delay before attempt `attempt + 1`. The upstream's `x-acs-retry-after` wins when it sent one (plus
 * a little jitter so instances do not return in step); otherwise "full jitter" exponential backoff:
 * uniformly random up to base × 2^(attempt−1), capped.
 */
export function retryDelayMs(
  attempt: number,
  error: UpstreamError,
  retryAfterMs: number | null,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== null && retryAfterMs > 0) return Math.round(retryAfterMs + random() * 100);
  const base = error.kind === 'throttled' ? THROTTLED_BASE_DELAY_MS : BASE_DELAY_MS;
  const ceiling = Math.min(MAX_DELAY_MS, base * 2 ** (attempt - 1));
  return Math.round(base / 4 + random() * (ceiling - base / 4));
}
