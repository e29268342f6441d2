/**
 * What a request's headers say about how it authenticates: an `Authorization: Bearer` token, a
 * session cookie, both, or neither. Pure, so the proxy, the request lane and the gate read them alike.
 */
import 'server-only';

export type BearerHeader =
  | { kind: 'none' }
  | { kind: 'bearer'; secret: string }
  /** An Authorization header that is not a Bearer token with a value. */
  | { kind: 'malformed' };

export function bearerOf(headers: Headers): BearerHeader {
  const value = headers.get('authorization');
  if (value === null) return { kind: 'none' };
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(value);
  return match?.[1] ? { kind: 'bearer', secret: match[1] } : { kind: 'malformed' };
}

/** Whether the request carries a next-auth session cookie (chunked or not, HTTPS-prefixed or not). */
export function hasSessionCookie(headers: Headers): boolean {
  return (headers.get('cookie') ?? '')
    .split(';')
    .some((part) => /^(__Secure-)?next-auth\.session-token(\.\d+)?=/.test(part.trim()));
}
