import 'server-only';

/**
 * The response headers that keep the dashboard's pages from being framed, sniffed or scripted by
 * anyone but us. Scripts run only with this response's nonce ('strict-dynamic' lets Next's own
 * loader add the chunks it needs); 'unsafe-eval' only in development, where React's debugging needs it.
 * Styles allow 'unsafe-inline' because React style attributes (progress bars, charts) cannot carry a
 * nonce; a style cannot run code.
 */
interface SecurityHeaderOptions {
  nonce: string;
  development: boolean;
  https: boolean;
}

const HSTS_VALUE = 'max-age=63072000; includeSubDomains';
const ROBOTS_TAG = 'noindex, nofollow';

export function contentSecurityPolicy({ nonce, development, https }: SecurityHeaderOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/** Every header the proxy puts on a page or API answer. */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    // An internal dashboard: no page, answer or redirect of it belongs in a search index.
    'X-Robots-Tag': ROBOTS_TAG,
    ...(options.https ? { 'Strict-Transport-Security': HSTS_VALUE } : {}),
  };
}

/** A fresh, unguessable nonce for one response. */
export function newNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64');
}
