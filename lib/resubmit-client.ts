/**
 * The browser's side of resubmitting: the POSTs to /api/resubmit with next-auth's
 * CSRF token (the route refuses a request without it, see lib/server/auth/cross-site.ts).
 */
import { accountSearch, jsonOrApiError } from './api-client';
import { postWithCsrf } from './csrf-client';
import type { ResubmitRequestBody } from './resubmit-types';

export async function postResubmit<T>(acct: string | null, body: ResubmitRequestBody): Promise<T> {
  return jsonOrApiError<T>(await postWithCsrf(`/api/resubmit${accountSearch(acct)}`, body));
}

/** A fresh idempotency key: random, and available outside secure contexts too (plain-HTTP intranets). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
