import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '@/lib/csrf-client';
import { crossOriginRefusal, crossSiteRefusal } from './cross-site';

const env = { AUTH_SECRET: 'unit-test-secret' };
const token = 'a'.repeat(64);
const cookie = `next-auth.csrf-token=${encodeURIComponent(`${token}|${createHash('sha256').update(`${token}${env.AUTH_SECRET}`).digest('hex')}`)}`;

function post(headers: Record<string, string>): Request {
  return new Request('http://localhost:3000/api/resubmit', { method: 'POST', headers });
}

const own = { host: 'localhost:3000', origin: 'http://localhost:3000', cookie, [CSRF_HEADER]: token };

describe('crossSiteRefusal', () => {
  it('lets the dashboard’s own page through', () => {
    expect(crossSiteRefusal(post({ ...own, 'sec-fetch-site': 'same-origin' }), env)).toBeNull();
  });

  it.each([
    ['another origin', { ...own, origin: 'https://evil.example' }, /came from https:\/\/evil\.example/],
    ['no origin', { ...own, origin: '' }, /no Origin/],
    ['a cross-site fetch', { ...own, 'sec-fetch-site': 'cross-site' }, /another site/],
    ['no token', { ...own, [CSRF_HEADER]: '' }, /missing/],
    ['no cookie', { ...own, cookie: '' }, /missing/],
    ['a token that is not the cookie’s', { ...own, [CSRF_HEADER]: 'b'.repeat(64) }, /does not match/],
    [
      'a cookie the server did not sign',
      { ...own, cookie: `next-auth.csrf-token=${token}%7C${'0'.repeat(64)}` },
      /does not match/,
    ],
  ])('refuses %s with 403', async (_, headers, message) => {
    const answer = crossSiteRefusal(post(headers as Record<string, string>), env);
    expect(answer?.status).toBe(403);
    const body = (await answer?.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('CrossSiteRefused');
    expect(body.error.message).toMatch(message);
  });

  it('compares with the public address when one is configured', () => {
    const configured = { ...env, NEXTAUTH_URL: 'https://cdn.example.com' };
    const https = { ...own, cookie: cookie.replace('next-auth', '__Host-next-auth') };
    expect(crossSiteRefusal(post(https), configured)?.status).toBe(403);
    expect(crossSiteRefusal(post({ ...https, origin: 'https://cdn.example.com' }), configured)).toBeNull();
  });
});

describe('crossOriginRefusal (public forms: the Origin alone)', () => {
  const form = { host: 'localhost:3000', origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' };

  it('lets the dashboard’s own page through without a CSRF token', () => {
    expect(crossOriginRefusal(post(form), env)).toBeNull();
  });

  it.each([
    ['another origin', { ...form, origin: 'https://evil.example' }],
    ['no origin', { ...form, origin: '' }],
    ['a cross-site form', { ...form, 'sec-fetch-site': 'cross-site' }],
    ['a same-site but other-origin form', { ...form, 'sec-fetch-site': 'same-site' }],
  ])('refuses %s with 403', async (_, headers) => {
    const answer = crossOriginRefusal(post(headers), env);
    expect(answer?.status).toBe(403);
    const body = (await answer?.json()) as { error: { code: string } } | undefined;
    expect(body?.error.code).toBe('CrossSiteRefused');
  });
});
