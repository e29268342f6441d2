import 'server-only';

/**
 * How the dashboard spends and protects the account's CDN OpenAPI budget. Read from the environment
 * once per process; README's configuration table documents each variable.
 */
export const UPSTREAM_ACTIONS = [
  'DescribeRefreshTasks',
  'DescribeRefreshTaskById',
  'RefreshObjectCaches',
  'PushObjectCache',
  'DescribeRefreshQuota',
  // STS, once per account at start-up: which Alibaba Cloud account the key belongs to.
  'GetCallerIdentity',
] as const;
export type UpstreamAction = (typeof UPSTREAM_ACTIONS)[number];

export interface UpstreamSettings {
  /** Calls per second per access key that no sliding second may exceed, across every instance. */
  ratePerSecond: Record<UpstreamAction, number>;
  /**
   * A call whose turn is estimated further away than this is refused at once (503 + Retry-After).
   * Generous, because a long read (a backfill, a reconcile re-reading a slice) may queue many pages;
   * a head poll is kept quick by the fair queue, not by this bound.
   */
  maxQueueWaitMs: number;
  /** Calls one caller may have waiting per action; a fan-out needs room, a runaway does not. */
  maxQueuedPerCaller: number;
  /** Upper bound of one HTTP call to the upstream. */
  callTimeoutMs: number;
  /** Attempts per call, the first included. */
  maxAttempts: number;
  /** No retry starts later than this after the first attempt: a sync step must not hang. */
  retryWindowMs: number;
  /** Consecutive failed calls that open the circuit, and how long it stays open before a trial. */
  breakerFailures: number;
  breakerHalfOpenMs: number;
  redisUrl: string | null;
  /** Prefix of every Redis key, so several dashboards (or tests) can share one Redis. */
  redisPrefix: string;
}

export function readUpstreamSettings(
  env: Record<string, string | undefined> = process.env,
): UpstreamSettings {
  return {
    ratePerSecond: {
      DescribeRefreshTasks: positive(env.CDN_RATE_LIMIT_DESCRIBE_TASKS, 5),
      DescribeRefreshTaskById: positive(env.CDN_RATE_LIMIT_TASK_BY_ID, 30),
      // The submit calls' and the quota's documented limits (docs/upstream-api.md); operators
      // resubmitting by hand come nowhere near them, so they are not configurable.
      RefreshObjectCaches: 50,
      PushObjectCache: 50,
      DescribeRefreshQuota: 20,
      GetCallerIdentity: 10,
    },
    maxQueueWaitMs: positive(env.CDN_QUEUE_MAX_WAIT_MS, 120_000),
    maxQueuedPerCaller: positive(env.CDN_QUEUE_MAX_PER_CALLER, 500),
    callTimeoutMs: positive(env.CDN_CALL_TIMEOUT_MS, 4_000),
    maxAttempts: positive(env.CDN_RETRY_ATTEMPTS, 3),
    retryWindowMs: 8_000,
    breakerFailures: positive(env.CDN_BREAKER_FAILURES, 5),
    breakerHalfOpenMs: positive(env.CDN_BREAKER_HALF_OPEN_MS, 5_000),
    redisUrl: env.REDIS_URL?.trim() || null,
    redisPrefix: env.REDIS_KEY_PREFIX?.trim() || 'cdn-refresh-monitor',
  };
}

function positive(raw: string | undefined, fallback: number): number {
  const value = Number(raw);
  return raw && Number.isFinite(value) && value > 0 ? value : fallback;
}
