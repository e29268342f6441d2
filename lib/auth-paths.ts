/**
 * Which addresses anyone may open, and where a signed-out visitor is sent. The proxy, the sign-in
 * page and the route-enumeration test all read this one list.
 */
export const SIGN_IN_PATH = '/signin';
const AUTH_API_PREFIX = '/api/auth';
const HEALTH_PATH = '/api/health';
/** The language switch (app/api/locale): the sign-in page offers it too, before any session. */
export const LOCALE_PATH = '/api/locale';
/**
 * The path and query a page was asked for, which the proxy hands on to server components: a layout
 * cannot read its own address otherwise, and the language switch must send the browser back to it
 * without JavaScript too. The proxy overwrites whatever a client sent under this name.
 */
export const PAGE_PATH_HEADER = 'x-dashboard-page-path';

/**
 * The site icon (app/icon.svg), which the sign-in page shows too, and robots.txt (public/), which
 * tells crawlers to stay out: neither holds data.
 */
const PUBLIC_ASSETS: ReadonlySet<string> = new Set(['/icon.svg', '/favicon.ico', '/robots.txt']);

/**
 * Pages and routes that answer without a session: the sign-in page, next-auth's own routes, liveness
 * and readiness, metrics (bearer token), the language switch, the site icon and robots.txt.
 * Everything else needs one.
 */
export function isPublicPath(pathname: string): boolean {
  return (
    pathname === SIGN_IN_PATH ||
    pathname === HEALTH_PATH ||
    pathname === '/api/ready' || // readiness and Prometheus metrics (bearer token): for load balancers and scrapers
    pathname === '/api/metrics' ||
    pathname === LOCALE_PATH ||
    PUBLIC_ASSETS.has(pathname) ||
    pathname === AUTH_API_PREFIX ||
    pathname.startsWith(`${AUTH_API_PREFIX}/`)
  );
}

export function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

const DEFAULT_AFTER_SIGN_IN = '/tasks';
/** Any origin will do: only whether a path stays on it matters. */
const PROBE_ORIGIN = 'http://dashboard.invalid';
/** Longer than any address the dashboard makes (filters included), short enough to log and carry. */
const MAX_CALLBACK_LENGTH = 4096;

/**
 * Where to go after signing in: only a path on this site (so a crafted link cannot bounce a fresh
 * session to another origin), never the sign-in page itself. Query string and hash are kept, so a
 * shared filtered link survives sign-in.
 *
 * What comes in is checked, and so is what goes out: URL normalisation resolves dot segments
 * (`/./`, `/%2e/`, `/../`) and may turn `/.//evil.example` into the protocol-relative
 * `//evil.example`, which a browser follows to another site.
 */
export function safeCallbackPath(raw: string | null | undefined): string {
  const path = sameSitePathOf(raw);
  if (path === null) return DEFAULT_AFTER_SIGN_IN;
  const { pathname } = new URL(path, PROBE_ORIGIN);
  return pathname === SIGN_IN_PATH || isApiPath(pathname) ? DEFAULT_AFTER_SIGN_IN : path;
}

/** `raw` as a normalised path of this site, checked on the way in and on the way out; else null. */
function sameSitePathOf(raw: string | null | undefined): string | null {
  if (!raw?.startsWith('/') || raw.length > MAX_CALLBACK_LENGTH) return null;
  // Control characters and backslashes have no business in our own paths; browsers treat `\` as `/`
  // and drop tabs and newlines, so either could hide a second slash.
  if ([...raw].some((char) => char === '\\' || char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) {
    return null;
  }
  let url: URL;
  try {
    url = new URL(raw, PROBE_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== PROBE_ORIGIN) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return isSameSitePath(path) ? path : null;
}

/**
 * The check on what goes out: one leading slash, then no second one or backslash, and it resolves
 * to itself on this origin (so whoever resolves it again, the browser included, lands on this site).
 */
export function isSameSitePath(path: string): boolean {
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return false;
  try {
    const again = new URL(path, PROBE_ORIGIN);
    return again.origin === PROBE_ORIGIN && `${again.pathname}${again.search}${again.hash}` === path;
  } catch {
    return false;
  }
}

/**
 * The path on this site that next-auth's redirect target `url` stands for (relative, or absolute on
 * `baseUrl`'s origin), checked like every callback; the sign-in page is allowed (signing out goes
 * there). Anything else becomes the default page.
 */
export function callbackPathFor(url: string, baseUrl: string): string {
  let raw: string | null = null;
  if (url.startsWith('/')) raw = url;
  else {
    try {
      const target = new URL(url);
      if (target.origin === new URL(baseUrl).origin) raw = `${target.pathname}${target.search}${target.hash}`;
    } catch {
      // Not a URL: the default page.
    }
  }
  const path = sameSitePathOf(raw);
  if (path === null || isApiPath(new URL(path, PROBE_ORIGIN).pathname)) return DEFAULT_AFTER_SIGN_IN;
  return path;
}

/**
 * Where the language switch sends the browser back to: the page it was on, checked like a sign-in
 * callback (this site only, after normalisation), the sign-in page included; never an API route.
 * Null for anything else, which the switch refuses rather than replaces.
 */
export function safeReturnPath(raw: string): string | null {
  const path = sameSitePathOf(raw);
  if (path === null || isApiPath(new URL(path, PROBE_ORIGIN).pathname)) return null;
  return path;
}

/** The sign-in page's address for a visitor who asked for `pathAndQuery`. */
export function signInUrlFor(pathAndQuery: string): string {
  return `${SIGN_IN_PATH}?callbackUrl=${encodeURIComponent(safeCallbackPath(pathAndQuery))}`;
}
