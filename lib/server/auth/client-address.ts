import 'server-only';

/**
 * The address a request came from, for per-address sign-in limits and the audit log. Next.js fills
 * X-Forwarded-For with the socket's address only when the request has none, and a reverse proxy
 * appends the address it saw; so the last entry is the one closest to us. Behind no proxy a client
 * can choose this value, which is why sign-in is also limited per user.
 */
export function clientAddress(headers: Headers | Record<string, string | string[] | undefined>): string {
  const raw = headers instanceof Headers ? headers.get('x-forwarded-for') : headers['x-forwarded-for'];
  const joined = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
  const last = joined
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .at(-1);
  return last ? last.slice(0, 64) : 'unknown';
}
