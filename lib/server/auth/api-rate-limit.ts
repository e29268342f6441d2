import 'server-only';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Each signed-in user's budget of /api requests per minute (API_RATE_LIMIT_PER_MINUTE), so one
 * runaway tab or script cannot spend the whole account's upstream budget. In memory, per instance.
 */
let limiter: RateLimiterMemory | undefined;
let limiterPoints = 0;

/** 0 when the request may go ahead, otherwise the seconds to wait. */
export async function apiRequestWait(subject: string, perMinute: number): Promise<number> {
  if (!limiter || limiterPoints !== perMinute) {
    limiter = new RateLimiterMemory({ keyPrefix: 'api-user', points: perMinute, duration: 60 });
    limiterPoints = perMinute;
  }
  try {
    await limiter.consume(subject);
    return 0;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw rejection;
  }
}
