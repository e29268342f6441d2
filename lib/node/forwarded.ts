/**
 * Which address a request came from, and whether its `X-Forwarded-*` headers may be believed: only
 * when TRUSTED_PROXIES says who stands in front of the dashboard. Unset, the socket's own address
 * is the client's and forwarded headers are ignored, because any client can write them; a per-address
 * sign-in limit that read them could be dodged by claiming a new address each time.
 *
 * TRUSTED_PROXIES is either a number of proxy hops (`1`: one reverse proxy or load balancer in
 * front, which appends the address it saw), or a comma-separated list of the proxies' addresses and
 * CIDR ranges (`10.0.0.0/8, 192.0.2.7, fd00::/8`): from the socket's address leftwards through
 * X-Forwarded-For, every address in the list is a proxy and the first one that is not is the client.
 * Pure functions of the headers and the socket's address, so the request boundary (request-boundary.ts)
 * and the tests share them.
 */
import { BlockList, isIP } from 'node:net';

export type ProxyTrust =
  | { kind: 'none' }
  | { kind: 'hops'; hops: number }
  | { kind: 'addresses'; list: BlockList };

export const NO_PROXY_TRUST: ProxyTrust = { kind: 'none' };

export function parseTrustedProxies(
  raw: string | undefined,
): { ok: true; trust: ProxyTrust } | { ok: false; problem: string } {
  const text = raw?.trim();
  if (!text || text === '0') return { ok: true, trust: NO_PROXY_TRUST };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops <= 10
      ? { ok: true, trust: { kind: 'hops', hops } }
      : {
          ok: false,
          problem: `TRUSTED_PROXIES: ${hops} hops is more than any real chain of proxies (at most 10)`,
        };
  }
  const list = new BlockList();
  for (const entry of text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [address = '', prefix, extra] = entry.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? null : Number(prefix);
    const maxBits = family === 6 ? 128 : 32;
    const validPrefix = bits === null || (/^\d+$/.test(prefix ?? '') && bits <= maxBits);
    if (family === 0 || extra !== undefined || !validPrefix) {
      return {
        ok: false,
        problem: `TRUSTED_PROXIES: "${entry.slice(0, 64)}" is neither a number of hops nor an IP address or CIDR range`,
      };
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === null) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  return { ok: true, trust: { kind: 'addresses', list } };
}

/** `::ffff:192.0.2.1` → `192.0.2.1`; `[2001:db8::1]:443` and `192.0.2.1:443` lose the port. */
export function normaliseAddress(raw: string): string | null {
  let text = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed?.[1]) text = bracketed[1];
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(':'));
  if (/^::ffff:\d{1,3}(?:\.\d{1,3}){3}$/i.test(text)) text = text.slice(7);
  return isIP(text) ? text.toLowerCase() : null;
}

function trustsAddress(list: BlockList, address: string): boolean {
  return list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/** Whether the peer is a trusted proxy, i.e. whether its X-Forwarded-* headers may be believed. */
export function peerIsTrustedProxy(peer: string, trust: ProxyTrust): boolean {
  if (trust.kind === 'none') return false;
  if (trust.kind === 'hops') return trust.hops > 0;
  const address = normaliseAddress(peer);
  return address !== null && trustsAddress(trust.list, address);
}

/**
 * The client's address. `forwardedFor` is every X-Forwarded-For value the request carried, in order.
 * An entry that is no IP address ends the walk: what lies left of it cannot be read, so the last
 * address before it stands.
 */
export function clientAddressOf(
  peer: string,
  forwardedFor: string | readonly string[] | undefined,
  trust: ProxyTrust,
): string {
  const socket = normaliseAddress(peer) ?? 'unknown';
  if (trust.kind === 'none' || socket === 'unknown') return socket;
  const forwarded = (typeof forwardedFor === 'string' ? [forwardedFor] : (forwardedFor ?? []))
    .flatMap((value) => value.split(','))
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Nearest first: the socket, then X-Forwarded-For from its last entry to its first.
  const chain = [socket, ...forwarded.reverse()];
  let client = socket;
  for (const [index, entry] of chain.entries()) {
    const address = normaliseAddress(entry);
    if (address === null) return client;
    client = address;
    const isProxy = trust.kind === 'hops' ? index < trust.hops : trustsAddress(trust.list, address);
    if (!isProxy) return client;
  }
  return client;
}
