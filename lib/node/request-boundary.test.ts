/**
 * The boundary on a real Node HTTP server: what a handler sees of the forwarded headers and the
 * stamped client address, with and without trusted proxies. Loopback is the peer here.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type ProxyTrust, parseTrustedProxies } from './forwarded';
import { CLIENT_ADDRESS_HEADER, installRequestBoundary, stampedClientAddress } from './request-boundary';

let uninstall: (() => void) | null = null;
let server: Server | null = null;

afterEach(async () => {
  uninstall?.();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
});

async function seenBy(trust: ProxyTrust, headers: Record<string, string>): Promise<IncomingHttpHeaders> {
  uninstall = installRequestBoundary(trust);
  let seen: IncomingHttpHeaders = {};
  server = createServer((request, response) => {
    seen = { ...request.headers };
    response.end();
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await fetch(`http://127.0.0.1:${port}/`, { headers });
  return seen;
}

function trust(raw: string): ProxyTrust {
  const parsed = parseTrustedProxies(raw);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.trust;
}

const forged = {
  'X-Forwarded-For': '198.51.100.1',
  'X-Forwarded-Host': 'evil.example',
  'X-Forwarded-Proto': 'https',
  Forwarded: 'for=198.51.100.1;proto=https',
  [CLIENT_ADDRESS_HEADER]: 'forged-token 198.51.100.1',
};

describe('the request boundary', () => {
  it('without trusted proxies: drops every forwarded header and stamps the socket address', async () => {
    const seen = await seenBy(trust(''), forged);
    for (const name of ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'forwarded']) {
      expect(seen[name], name).toBeUndefined();
    }
    expect(stampedClientAddress(String(seen[CLIENT_ADDRESS_HEADER]))).toBe('127.0.0.1');
  });

  it('behind a trusted proxy: keeps its headers and stamps the client it reports', async () => {
    const seen = await seenBy(trust('127.0.0.1'), forged);
    expect(seen['x-forwarded-proto']).toBe('https');
    expect(seen['x-forwarded-host']).toBe('evil.example');
    expect(stampedClientAddress(String(seen[CLIENT_ADDRESS_HEADER]))).toBe('198.51.100.1');
  });

  it('a stamp a client wrote is no stamp', () => {
    expect(stampedClientAddress(forged[CLIENT_ADDRESS_HEADER])).toBeNull();
    expect(stampedClientAddress('')).toBeNull();
    expect(stampedClientAddress(null)).toBeNull();
  });
});
