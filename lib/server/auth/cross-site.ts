import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { CSRF_HEADER } from '@/lib/csrf-client';
import { jsonError } from '../http';
import { passedBoundary, servedOverHttps } from './request-security';
import { authSecret } from './settings';

/**
 * Refuses a state-changing request that another site could have made the browser send: its Origin
 * must be this dashboard's own (a browser always sends Origin on a POST), and it must carry
 * next-auth's CSRF token (from `/api/auth/csrf`) matching next-auth's CSRF cookie, whose hash only
 * this server can make (the token and AUTH_SECRET). A page elsewhere can neither read the token nor
 * set the cookie. Returns the 403 to answer, or null when the request is this site's own.
 */
export function crossSiteRefusal(
  request: Request,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Response | null {
  const foreign = crossOriginRefusal(request, env);
  if (foreign) return foreign;

  const { headers } = request;
  const offered = headers.get(CSRF_HEADER) ?? '';
  const cookie = csrfCookie(headers, servedOverHttps(headers, env));
  if (!offered || !cookie) return refuse('the CSRF token is missing');
  const [token = '', hash = ''] = cookie.split('|');
  const expected = createHash('sha256')
    .update(`${token}${authSecret(env)}`)
    .digest('hex');
  if (!sameText(hash, expected) || !sameText(offered, token)) return refuse('the CSRF token does not match');
  return null;
}

/**
 * The Origin half of the guard alone, for a public POST that a plain HTML form sends without a
 * session or a CSRF token (the language switch, /api/locale): the browser says which page sent it,
 * and only the dashboard's own pages are accepted. Returns the 403 to answer, or null.
 */
export function crossOriginRefusal(
  request: Request,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Response | null {
  const { headers } = request;
  const origin = headers.get('origin');
  const fetchSite = headers.get('sec-fetch-site');
  if (fetchSite && fetchSite !== 'same-origin') return refuse('the request came from another site');
  if (!origin) return refuse('the request has no Origin header');
  if (origin !== ownOrigin(headers, env)) return refuse(`the request came from ${truncate(origin)}`);
  return null;
}

/** This dashboard's origin: the public address when configured, else the address the browser used. */
function ownOrigin(headers: Headers, env: Readonly<Record<string, string | undefined>>): string {
  const publicUrl = env.NEXTAUTH_URL?.trim();
  if (publicUrl) return new URL(publicUrl).origin;
  // X-Forwarded-Host survives the request boundary only from a trusted proxy.
  const host =
    (passedBoundary(headers) ? headers.get('x-forwarded-host') : null) ?? headers.get('host') ?? '';
  return `${servedOverHttps(headers, env) ? 'https' : 'http'}://${host.split(',')[0]?.trim()}`;
}

/** next-auth's CSRF cookie (`__Host-` prefixed over HTTPS), URL-decoded. */
function csrfCookie(headers: Headers, https: boolean): string | null {
  const name = https ? '__Host-next-auth.csrf-token' : 'next-auth.csrf-token';
  for (const part of (headers.get('cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return null;
    }
  }
  return null;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function refuse(why: string): Response {
  return jsonError(403, {
    code: 'CrossSiteRefused',
    message: `Refused: ${why}. Changes are accepted only from the dashboard's own pages.`,
  });
}
