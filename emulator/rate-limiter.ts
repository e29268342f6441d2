/**
 * Per account, per action token buckets: the documented per-account rates, with a burst of one
 * second's worth. An account's access keys share its buckets. Measured on real time, so a test's
 * moved data clock never unthrottles anyone.
 */
export type RateLimits = Readonly<Record<string, number>>;

/** Calls per second per account, from the current documentation. */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  DescribeRefreshTasks: 5,
  DescribeRefreshTaskById: 30,
  RefreshObjectCaches: 50,
  PushObjectCache: 50,
  DescribeRefreshQuota: 20,
};

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private limits: RateLimits | 'off' = DEFAULT_RATE_LIMITS) {}

  configure(limits: RateLimits | 'off'): void {
    this.limits = limits;
    this.buckets.clear();
  }

  get current(): RateLimits | 'off' {
    return this.limits;
  }

  /** 0 when the call may go ahead (and is counted); otherwise ms until a token is available. */
  take(accountId: string, action: string, now: number): number {
    if (this.limits === 'off') return 0;
    const rate = this.limits[action];
    if (rate === undefined || rate <= 0) return 0;
    const key = `${accountId}\n${action}`;
    const bucket = this.buckets.get(key) ?? { tokens: rate, at: now };
    bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil(((1 - bucket.tokens) / rate) * 1000));
  }

  clear(): void {
    this.buckets.clear();
  }
}
