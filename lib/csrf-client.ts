/**
 * The browser's side of the dashboard's cross-site guard (lib/server/auth/cross-site.ts): every
 * state-changing request carries next-auth's CSRF token, which a page of another site cannot read.
 */

/** The header the token travels in; the server reads the same name. */
export const CSRF_HEADER = 'x-csrf-token';

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

/** POSTs JSON to one of the dashboard's own state-changing routes, with the CSRF token. */
export async function postWithCsrf(path: string, body: unknown): Promise<Response> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', [CSRF_HEADER]: await csrf() },
    body: JSON.stringify(body),
  });
  // A stale token (signed out and in again in another tab): the next attempt asks for a fresh one.
  if (response.status === 403) csrfToken = null;
  return response;
}

/** DELETEs one of the dashboard's own resources (an API token), with the CSRF token. */
export async function deleteWithCsrf(path: string): Promise<Response> {
  const response = await fetch(path, {
    method: 'DELETE',
    headers: { Accept: 'application/json', [CSRF_HEADER]: await csrf() },
  });
  if (response.status === 403) csrfToken = null;
  return response;
}
