import 'server-only';
import { CLIENT_ADDRESS_HEADER, stampedClientAddress } from '@/lib/node/request-boundary';

/**
 * Whether the browser reached us over HTTPS: the public address (NEXTAUTH_URL, required in live
 * mode) says so. Without one (demo mode), X-Forwarded-Proto decides, which by now is a trusted
 * proxy's or Next.js's own (the request boundary dropped a client's); a request that did not pass the
 * boundary (only possible while the server starts) counts as plain HTTP. Decides Secure cookies (and
 * their `__Secure-` names, which the proxy must read back identically) and HSTS.
 */
export function servedOverHttps(
  headers: Headers,
  env: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  const publicUrl = env.NEXTAUTH_URL?.trim();
  if (publicUrl) return publicUrl.startsWith('https://');
  if (!passedBoundary(headers)) return false;
  return headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

/** Whether the request boundary (lib/node/request-boundary.ts) saw this request. */
export function passedBoundary(headers: Headers): boolean {
  return stampedClientAddress(headers.get(CLIENT_ADDRESS_HEADER)) !== null;
}
