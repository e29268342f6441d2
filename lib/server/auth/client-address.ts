import 'server-only';
import { CLIENT_ADDRESS_HEADER, stampedClientAddress } from '@/lib/node/request-boundary';
import { rootLogger } from '../logger';

/**
 * The address a request came from, for the per-address sign-in limit and the audit log: the one the
 * request boundary (lib/node/request-boundary.ts) stamped from the socket, and from X-Forwarded-For only
 * when TRUSTED_PROXIES says the peer is a proxy. A request without a valid stamp (which a running
 * server never sees) counts as `unknown`: failing closed into one shared bucket rather than believing
 * a header.
 */
let warned = false;

export function clientAddress(headers: Headers | Record<string, string | string[] | undefined>): string {
  const raw =
    headers instanceof Headers ? headers.get(CLIENT_ADDRESS_HEADER) : headers[CLIENT_ADDRESS_HEADER];
  const address = stampedClientAddress(Array.isArray(raw) ? raw[0] : raw);
  if (address) return address;
  if (!warned) {
    warned = true;
    rootLogger().error("a request reached the dashboard without the request boundary's stamp");
  }
  return 'unknown';
}
