/**
 * Where a request enters the process, before Next.js reads it: the only place that knows the
 * socket's address. Subscribed to Node's `http.server.request.start` channel by the server's start-up
 * hook (instrumentation.ts), it
 *   - drops `X-Forwarded-*` and `Forwarded` headers unless the peer is a trusted proxy
 *     (TRUSTED_PROXIES, see forwarded.ts), so Next.js fills them from the socket and nothing
 *     downstream (next-auth's origin, Secure cookies, HSTS) can follow a client's claim;
 *   - stamps the client's address, as forwarded.ts resolves it, into an internal header that carries
 *     this process's random token, so a client cannot forge it and a stamp is known to be ours.
 */
import { randomBytes } from 'node:crypto';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingHttpHeaders } from 'node:http';
import { clientAddressOf, type ProxyTrust, peerIsTrustedProxy } from './forwarded';
import { peekProcessSingleton, processSingleton } from './process-singleton';

export const CLIENT_ADDRESS_HEADER = 'x-cdnmon-client-address';
const FORWARDED_HEADERS = [
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'forwarded',
];

function boundaryToken(): string {
  return processSingleton('request-boundary', () => ({ token: randomBytes(18).toString('base64url') })).token;
}

/** Rewrites one request's headers as described above. */
export function stampRequest(headers: IncomingHttpHeaders, peer: string, trust: ProxyTrust): void {
  const client = clientAddressOf(peer, headers['x-forwarded-for'], trust);
  if (!peerIsTrustedProxy(peer, trust)) for (const name of FORWARDED_HEADERS) delete headers[name];
  headers[CLIENT_ADDRESS_HEADER] = `${boundaryToken()} ${client}`;
}

let installed: (() => void) | null = null;

/** Subscribes once per process (later calls change nothing); returns how to unsubscribe. */
export function installRequestBoundary(trust: ProxyTrust): () => void {
  if (installed) return installed;
  const onRequest = (message: unknown) => {
    const { request, socket } = message as {
      request: { headers: IncomingHttpHeaders };
      socket: { remoteAddress?: string };
    };
    stampRequest(request.headers, socket.remoteAddress ?? '', trust);
  };
  subscribe('http.server.request.start', onRequest);
  installed = () => {
    unsubscribe('http.server.request.start', onRequest);
    installed = null;
  };
  return installed;
}

/** The stamped client address, or null when the value is missing or not this process's stamp. */
export function stampedClientAddress(value: string | null | undefined): string | null {
  const token = peekProcessSingleton<{ token: string }>('request-boundary')?.token;
  if (!token || !value) return null;
  const separator = value.indexOf(' ');
  if (separator < 0 || value.slice(0, separator) !== token) return null;
  return value.slice(separator + 1) || null;
}
