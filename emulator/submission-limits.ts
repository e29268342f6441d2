/**
 * The per-request limits of RefreshObjectCaches and PushObjectCache, and the daily-quota refusal,
 * with the codes and messages the documentation gives (see README.md, "Submitting").
 */
import { ApiError } from './api-error';
import type { Submitted } from './object-paths';

export const MAX_DOMAINS_PER_REQUEST = 10;

/**
 * At least one object, at most `maxObjects` (named `noun` in the message), over at most 10 domains.
 * `code` is the documented one for the action: SingleRequest.OverLimit for refreshes,
 * InvalidObjectPath.ExceedsMaximum for prefetches.
 */
export function checkBatch(
  submitted: Submitted[],
  maxObjects: number,
  noun: string,
  code: 'SingleRequest.OverLimit' | 'InvalidObjectPath.ExceedsMaximum',
): void {
  if (submitted.length === 0) {
    throw new ApiError(
      'MissingParameter',
      400,
      'The input parameter "ObjectPath" that is mandatory for processing this request is not supplied.',
    );
  }
  if (submitted.length > maxObjects) {
    const verb = maxObjects === 1 ? 'is' : 'are';
    throw new ApiError(code, 400, `A maximum of ${maxObjects} ${noun} ${verb} supported for each request.`);
  }
  if (new Set(submitted.map((s) => s.domain)).size > MAX_DOMAINS_PER_REQUEST) {
    throw new ApiError(
      code,
      400,
      `A maximum of ${MAX_DOMAINS_PER_REQUEST} domains are supported for each request.`,
    );
  }
}

/** The day's quota of this kind is used up (QuotaExceeded.Refresh or QuotaExceeded.Preload). */
export function quotaExceeded(what: 'Refresh' | 'Preload'): ApiError {
  return new ApiError(`QuotaExceeded.${what}`, 400, 'Your refresh attempts have exceeded the daily limit.');
}
