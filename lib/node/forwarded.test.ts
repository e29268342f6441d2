import { describe, expect, it } from 'vitest';
import {
  clientAddressOf,
  normaliseAddress,
  type ProxyTrust,
  parseTrustedProxies,
  peerIsTrustedProxy,
} from './forwarded';

function trust(raw: string): ProxyTrust {
  const parsed = parseTrustedProxies(raw);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.trust;
}

describe('parseTrustedProxies', () => {
  it('reads nothing, hops, and lists of addresses and CIDR ranges', () => {
    expect(trust('')).toEqual({ kind: 'none' });
    expect(trust('0')).toEqual({ kind: 'none' });
    expect(trust('2')).toEqual({ kind: 'hops', hops: 2 });
    expect(trust('10.0.0.0/8, 192.0.2.7, fd00::/8, ::1').kind).toBe('addresses');
  });

  it('names a bad entry', () => {
    for (const raw of ['10.0.0.0/33', 'proxy.example', '10.0.0.1/8/2', '::1/129', '11', '10.0.0.0/x']) {
      const parsed = parseTrustedProxies(raw);
      expect(parsed.ok, raw).toBe(false);
      if (!parsed.ok) expect(parsed.problem).toContain('TRUSTED_PROXIES');
    }
  });
});

describe('clientAddressOf', () => {
  it('without TRUSTED_PROXIES is the socket address, whatever X-Forwarded-For claims', () => {
    const none = trust('');
    expect(clientAddressOf('203.0.113.9', '198.51.100.1', none)).toBe('203.0.113.9');
    expect(clientAddressOf('::ffff:203.0.113.9', '198.51.100.1, 10.0.0.1', none)).toBe('203.0.113.9');
    expect(peerIsTrustedProxy('127.0.0.1', none)).toBe(false);
  });

  it('with hops, takes the address the outermost trusted proxy appended', () => {
    // Client forged "1.1.1.1"; the proxy appended the real 198.51.100.7; the socket is the proxy.
    expect(clientAddressOf('10.0.0.2', '1.1.1.1, 198.51.100.7', trust('1'))).toBe('198.51.100.7');
    expect(clientAddressOf('10.0.0.2', '1.1.1.1, 198.51.100.7, 10.0.0.3', trust('2'))).toBe('198.51.100.7');
    // Fewer entries than hops: the furthest one there is.
    expect(clientAddressOf('10.0.0.2', undefined, trust('1'))).toBe('10.0.0.2');
    expect(clientAddressOf('10.0.0.2', '198.51.100.7', trust('3'))).toBe('198.51.100.7');
  });

  it('with addresses, skips trusted proxies from the socket leftwards', () => {
    const proxies = trust('10.0.0.0/8, 2001:db8::/32');
    expect(clientAddressOf('10.0.0.2', '1.1.1.1, 198.51.100.7, 10.9.9.9', proxies)).toBe('198.51.100.7');
    expect(clientAddressOf('2001:db8::5', '[2001:db8::6]:443, 198.51.100.7:5555', proxies)).toBe(
      '198.51.100.7',
    );
    // A peer outside the list is the client itself, however many entries it sends.
    expect(clientAddressOf('203.0.113.9', '198.51.100.7', proxies)).toBe('203.0.113.9');
    expect(peerIsTrustedProxy('203.0.113.9', proxies)).toBe(false);
    expect(peerIsTrustedProxy('::ffff:10.1.2.3', proxies)).toBe(true);
  });

  it('stops at an entry that is no address, keeping the last one it could read', () => {
    expect(clientAddressOf('10.0.0.2', 'garbage, 198.51.100.7', trust('2'))).toBe('198.51.100.7');
    expect(clientAddressOf('10.0.0.2', '198.51.100.7, <script>', trust('1'))).toBe('10.0.0.2');
    expect(clientAddressOf('10.0.0.2', ['198.51.100.7', '10.0.0.9'], trust('10.0.0.0/8'))).toBe(
      '198.51.100.7',
    );
  });
});

describe('normaliseAddress', () => {
  it('unwraps mapped IPv4, brackets and ports, and refuses what is no address', () => {
    expect(normaliseAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normaliseAddress('[::1]:3000')).toBe('::1');
    expect(normaliseAddress('192.0.2.1:80')).toBe('192.0.2.1');
    expect(normaliseAddress('2001:DB8::1')).toBe('2001:db8::1');
    expect(normaliseAddress('unknown')).toBeNull();
    expect(normaliseAddress('')).toBeNull();
  });
});
