/**
 * Which addresses anyone may open, and where a signed-out visitor is sent. The proxy, the sign-in
 * page and the route-enumeration test all read this one list.
 */
export const SIGN_IN_PATH = '/signin';
export const AUTH_API_PREFIX = '/api/auth';
export const HEALTH_PATH = '/api/health';

/** The site icon (app/icon.svg), which the sign-in page shows too; it holds no data. */
const PUBLIC_ASSETS: ReadonlySet<string> = new Set(['/icon.svg', '/favicon.ico']);

/**
 * Pages and routes that answer without a session: the sign-in page, next-auth's own routes, liveness
 * and the site icon. Everything else needs one.
 */
export function isPublicPath(pathname: string): boolean {
  return (
    pathname === SIGN_IN_PATH ||
    pathname === HEALTH_PATH ||
    pathname === '/api/ready' || // readiness and Prometheus metrics (bearer token): for load balancers and scrapers
    pathname === '/api/metrics' ||
    PUBLIC_ASSETS.has(pathname) ||
    pathname === AUTH_API_PREFIX ||
    pathname.startsWith(`${AUTH_API_PREFIX}/`)
  );
}

export function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

const DEFAULT_AFTER_SIGN_IN = '/tasks';

/**
 * Where to go after signing in: only a path on this site (so a crafted link cannot bounce a fresh
 * session to another origin), never the sign-in page itself. Query string and hash are kept, so a
 * shared filtered link survives sign-in.
 */
export function safeCallbackPath(raw: string | null | undefined): string {
  if (!raw?.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return DEFAULT_AFTER_SIGN_IN;
  // Control characters and backslashes have no business in our own paths; browsers treat `\` as `/`.
  if ([...raw].some((char) => char === '\\' || char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) {
    return DEFAULT_AFTER_SIGN_IN;
  }
  const url = new URL(raw, 'http://dashboard.invalid');
  if (url.origin !== 'http://dashboard.invalid') return DEFAULT_AFTER_SIGN_IN;
  if (url.pathname === SIGN_IN_PATH || isApiPath(url.pathname)) return DEFAULT_AFTER_SIGN_IN;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page's address for a visitor who asked for `pathAndQuery`. */
export function signInUrlFor(pathAndQuery: string): string {
  return `${SIGN_IN_PATH}?callbackUrl=${encodeURIComponent(safeCallbackPath(pathAndQuery))}`;
}
