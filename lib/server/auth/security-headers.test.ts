import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce, securityHeaders } from './security-headers';

describe('contentSecurityPolicy', () => {
  it('allows scripts only with the nonce in production, and forbids framing', () => {
    const csp = contentSecurityPolicy({ nonce: 'abc123', development: false, https: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it("adds 'unsafe-eval' only in development", () => {
    expect(contentSecurityPolicy({ nonce: 'n', development: true, https: false })).toContain("'unsafe-eval'");
  });
});

describe('securityHeaders', () => {
  it('sends HSTS only over HTTPS', () => {
    expect(securityHeaders({ nonce: 'n', development: false, https: false })).not.toHaveProperty(
      'Strict-Transport-Security',
    );
    const https = securityHeaders({ nonce: 'n', development: false, https: true });
    expect(https['Strict-Transport-Security']).toMatch(/^max-age=\d+/);
    expect(https['Content-Security-Policy']).toContain('upgrade-insecure-requests');
    expect(https['X-Content-Type-Options']).toBe('nosniff');
    expect(https['Referrer-Policy']).toBe('same-origin');
  });

  it('keeps every answer out of search indexes', () => {
    for (const https of [false, true]) {
      expect(securityHeaders({ nonce: 'n', development: false, https })['X-Robots-Tag']).toBe(
        'noindex, nofollow',
      );
    }
  });
});

describe('newNonce', () => {
  it('is fresh every time and at least 128 bits', () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64').length).toBeGreaterThanOrEqual(16);
  });
});
