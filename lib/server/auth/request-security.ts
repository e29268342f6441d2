import 'server-only';

/**
 * Whether the browser reached us over HTTPS: the public address (NEXTAUTH_URL) says so, or the TLS
 * terminating proxy in front says so in X-Forwarded-Proto. Decides Secure cookies (and their
 * `__Secure-` names, which the proxy must read back identically) and HSTS.
 */
export function servedOverHttps(
  headers: Headers,
  env: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  const publicUrl = env.NEXTAUTH_URL?.trim();
  if (publicUrl) return publicUrl.startsWith('https://');
  return headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}
