/**
 * The browser's side of resubmitting: today's quota, and the POSTs to /api/resubmit with next-auth's
 * CSRF token (the route refuses a request without it, see lib/server/resubmit/cross-site.ts).
 */
import { queryOptions } from '@tanstack/react-query';
import { ApiError, getJson } from '@/lib/api-client';
import type { ApiErrorBody } from '@/lib/api-types';
import type { QuotaResponse, ResubmitRequestBody } from '@/lib/resubmit-types';

export const quotaQuery = () =>
  queryOptions({
    queryKey: ['quota'] as const,
    queryFn: ({ signal }) => getJson<QuotaResponse>('/api/quota', signal),
    staleTime: 30_000,
    refetchInterval: 60_000,
  });

let csrfToken: Promise<string> | null = null;

/** next-auth's CSRF token; asking for it also sets its cookie when the browser has none yet. */
function csrf(): Promise<string> {
  csrfToken ??= fetch('/api/auth/csrf', { headers: { Accept: 'application/json' } })
    .then((response) => response.json() as Promise<{ csrfToken: string }>)
    .then((body) => body.csrfToken)
    .catch((error: unknown) => {
      csrfToken = null;
      throw error;
    });
  return csrfToken;
}

export async function postResubmit<T>(body: ResubmitRequestBody): Promise<T> {
  const response = await fetch('/api/resubmit', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': await csrf() },
    body: JSON.stringify(body),
  });
  if (response.ok) return (await response.json()) as T;
  let error: ApiErrorBody['error'] = {
    code: `Http${response.status}`,
    message: response.statusText || 'Request failed',
  };
  try {
    const parsed = (await response.json()) as Partial<ApiErrorBody>;
    if (parsed.error?.code) error = parsed.error;
  } catch {
    // Not our JSON: keep the status.
  }
  // A stale token (signed out and in again in another tab): the next attempt asks for a fresh one.
  if (error.code === 'CrossSiteRefused') csrfToken = null;
  throw new ApiError(response.status, error);
}

/** A fresh idempotency key: random, and available outside secure contexts too (plain-HTTP intranets). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
