import { describe, expect, it } from 'vitest';
import { NO_PROXY_TRUST, parseTrustedProxies } from '@/lib/node/forwarded';
import { stampRequest } from '@/lib/node/request-boundary';
import { servedOverHttps } from './request-security';

/** Headers as they reach the app after the request boundary, from `peer`. */
function arrived(headers: Record<string, string>, peer = '203.0.113.9', trusted = ''): Headers {
  const parsed = parseTrustedProxies(trusted);
  stampRequest(headers, peer, parsed.ok ? parsed.trust : NO_PROXY_TRUST);
  return new Headers(headers);
}

describe('servedOverHttps', () => {
  it('follows NEXTAUTH_URL, whatever X-Forwarded-Proto says', () => {
    const https = { NEXTAUTH_URL: 'https://cdn-monitor.example.test' };
    const http = { NEXTAUTH_URL: 'http://127.0.0.1:3000' };
    expect(servedOverHttps(arrived({ 'x-forwarded-proto': 'http' }, '10.0.0.1', '1'), https)).toBe(true);
    expect(servedOverHttps(arrived({ 'x-forwarded-proto': 'https' }, '10.0.0.1', '1'), http)).toBe(false);
  });

  it('without NEXTAUTH_URL (demo mode), believes X-Forwarded-Proto only from a trusted proxy', () => {
    expect(servedOverHttps(arrived({ 'x-forwarded-proto': 'https' }), {})).toBe(false);
    expect(servedOverHttps(arrived({ 'x-forwarded-proto': 'https' }, '10.0.0.1', '10.0.0.0/8'), {})).toBe(
      true,
    );
    // Not through the boundary at all: plain HTTP.
    expect(servedOverHttps(new Headers({ 'x-forwarded-proto': 'https' }), {})).toBe(false);
  });
});
