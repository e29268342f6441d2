import 'server-only';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { peekProcessSingleton, setProcessSingleton } from '@/lib/node/process-singleton';
import { consumeOrWait, type LimitStore, limiterIn, limitStore } from './limit-store';

/**
 * Each signed-in user's budget of /api requests per minute (API_RATE_LIMIT_PER_MINUTE), so one
 * runaway tab or script cannot spend the whole account's upstream budget. Counted atomically, in
 * Redis when REDIS_URL is set (one budget per user across all instances), else in this process.
 */
interface ApiRateLimiter {
  /** 0 when the request may go ahead, otherwise the seconds to wait. */
  wait(subject: string): Promise<number>;
}

export function createApiRateLimiter(store: LimitStore, perMinute: number): ApiRateLimiter {
  const limiter: RateLimiterAbstract = limiterIn(store, 'api-user', { points: perMinute, duration: 60 });
  return { wait: (subject) => consumeOrWait(limiter, subject) };
}

/** 0 when the request may go ahead, otherwise the seconds to wait. */
export async function apiRequestWait(subject: string, perMinute: number): Promise<number> {
  type Current = { perMinute: number; limiter: ApiRateLimiter };
  let current = peekProcessSingleton<Current>('api-rate-limiter');
  if (current?.perMinute !== perMinute) {
    current = { perMinute, limiter: createApiRateLimiter(limitStore(), perMinute) };
    setProcessSingleton('api-rate-limiter', current);
  }
  return current.limiter.wait(subject);
}
