/**
 * The three ways Alibaba Cloud has answered "too many calls": Throttling.User with 400 (current
 * default), TooManyRequests with 429 (newer pages) and Throttling with 503 (an old CDN page).
 */
import { ApiError } from './api-error';

export const THROTTLE_SHAPES = ['400', '429', '503'] as const;
export type ThrottleShape = (typeof THROTTLE_SHAPES)[number];

export function throttledError(shape: ThrottleShape, retryAfterMs: number): ApiError {
  const headers = { 'x-acs-retry-after': String(retryAfterMs) };
  switch (shape) {
    case '429':
      return new ApiError('TooManyRequests', 429, 'Too many requests. Please try again later.', headers);
    case '503':
      return new ApiError('Throttling', 503, 'Request was denied due to request throttling.', headers);
    default:
      return new ApiError('Throttling.User', 400, 'Request was denied due to user flow control.', headers);
  }
}
