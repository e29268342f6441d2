/**
 * The browser's side of resubmitting: today's quota, and the POSTs to /api/resubmit with next-auth's
 * CSRF token (the route refuses a request without it, see lib/server/auth/cross-site.ts).
 */
import { queryOptions } from '@tanstack/react-query';
import { getJson, jsonOrApiError } from '@/lib/api-client';
import { postWithCsrf } from '@/lib/csrf-client';
import { accountSearch } from '@/lib/queries';
import type { QuotaResponse, ResubmitRequestBody } from '@/lib/resubmit-types';

export const quotaQuery = (acct: string | null) =>
  queryOptions({
    queryKey: ['quota', acct] as const,
    queryFn: ({ signal }) => getJson<QuotaResponse>(`/api/quota${accountSearch(acct)}`, signal),
    staleTime: 30_000,
    refetchInterval: 60_000,
  });

export async function postResubmit<T>(acct: string | null, body: ResubmitRequestBody): Promise<T> {
  return jsonOrApiError<T>(await postWithCsrf(`/api/resubmit${accountSearch(acct)}`, body));
}

/** A fresh idempotency key: random, and available outside secure contexts too (plain-HTTP intranets). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
