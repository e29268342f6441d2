import { type NextRequest, NextResponse } from 'next/server';
import { getToken } from 'next-auth/jwt';
import { isApiPath, isPublicPath, PAGE_PATH_HEADER, signInUrlFor } from '@/lib/auth-paths';
import { apiRequestWait } from '@/lib/server/auth/api-rate-limit';
import { passedBoundary, servedOverHttps } from '@/lib/server/auth/request-security';
import { newNonce, securityHeaders } from '@/lib/server/auth/security-headers';
import { decodeSessionJwt } from '@/lib/server/auth/session-jwt';
import { apiRequestsPerMinute, authSecret } from '@/lib/server/auth/settings';
import { jsonError } from '@/lib/server/http';
import { bearerOf } from '@/lib/server/tokens/bearer';

/**
 * The first gate in front of every page and API route (the second is in each handler, which checks
 * the session again: a matcher change must never open a route). Signed-out page requests go to the
 * sign-in page with the address they asked for; signed-out API requests get 401. Signed-in API
 * requests spend the user's per-minute budget; API requests with a token go to their handler. Every answer carries the security headers, pages a
 * fresh CSP nonce that Next.js puts on its scripts.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const https = servedOverHttps(request.headers);
  const nonce = newNonce();
  const headers = securityHeaders({ nonce, https, development: process.env.NODE_ENV === 'development' });
  const withHeaders = (response: NextResponse) => {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  };
  const { pathname } = request.nextUrl;

  if (!isPublicPath(pathname)) {
    const token = await getToken({
      req: request,
      secret: authSecret(),
      secureCookie: https,
      decode: decodeSessionJwt,
    });
    // An API token goes on to the handler, which checks it and spends its budget
    // (lib/server/tokens/token-caller.ts); a route that takes no token answers 401 as without a session.
    const apiToken = isApiPath(pathname) && bearerOf(request.headers).kind !== 'none';
    if (!token?.sub && !apiToken) {
      if (isApiPath(pathname)) {
        return withHeaders(
          fromResponse(jsonError(401, { code: 'Unauthorized', message: 'Sign in to use the API.' })),
        );
      }
      return withHeaders(NextResponse.redirect(new URL(signInUrlFor(askedFor(request)), request.url)));
    }
    if (token?.sub && isApiPath(pathname)) {
      const wait = await apiRequestWait(token.sub, apiRequestsPerMinute());
      if (wait > 0) {
        const limited = jsonError(
          429,
          { code: 'TooManyRequests', message: `Too many requests; try again in ${wait} s.` },
          { 'Retry-After': String(wait) },
        );
        return withHeaders(fromResponse(limited));
      }
    }
  }

  const forwarded = new Headers(request.headers);
  if (!passedBoundary(request.headers)) {
    // Arrived before the start-up hook installed the request boundary: nothing says who wrote these
    // headers, so next-auth gets the Host the browser used and plain HTTP, as from the socket.
    forwarded.set('x-forwarded-host', request.headers.get('host') ?? '');
    forwarded.set('x-forwarded-proto', 'http');
    forwarded.delete('forwarded');
  }
  forwarded.set('x-nonce', nonce);
  forwarded.set(PAGE_PATH_HEADER, askedFor(request));
  forwarded.set('content-security-policy', headers['Content-Security-Policy'] ?? '');
  return withHeaders(NextResponse.next({ request: { headers: forwarded } }));
}

/** The path and query the visitor asked for, without the router's internal `_rsc` cache key. */
function askedFor(request: NextRequest): string {
  const url = request.nextUrl.clone();
  url.searchParams.delete('_rsc');
  return `${url.pathname}${url.search}`;
}

function fromResponse(response: Response): NextResponse {
  return new NextResponse(response.body, { status: response.status, headers: response.headers });
}

export const config = {
  // Everything but the build's static files, which are public and hold no data.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
