import 'server-only';
import { passedBoundary } from './request-security';

/**
 * Whether a state-changing request (a POST from our own pages) comes from our own origin: the
 * browser's `Origin` must be the public address (NEXTAUTH_URL) or, without one (demo mode), the
 * address the request was made to — as Next.js rebuilt it from headers the request boundary vetted.
 * `Sec-Fetch-Site`, when the browser sends it, must say same-origin. A cross-site form or script
 * carrying the session cookie is refused before anything is done.
 */
export function isSameOrigin(
  request: Request,
  env: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin') return false;
  const origin = request.headers.get('origin');
  if (!origin || origin === 'null') return false;
  return origin === expectedOrigin(request, env);
}

function expectedOrigin(request: Request, env: Readonly<Record<string, string | undefined>>): string | null {
  const publicUrl = env.NEXTAUTH_URL?.trim();
  if (publicUrl) {
    try {
      return new URL(publicUrl).origin;
    } catch {
      return null;
    }
  }
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (!host) return null;
  const proto = passedBoundary(request.headers)
    ? (request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() ?? 'http')
    : 'http';
  return `${proto}://${host.split(',')[0]?.trim()}`;
}
