/** The Origin check of state-changing routes: the public address, else the request's own host. */
import { describe, expect, it } from 'vitest';
import { isSameOrigin } from './same-origin';

const post = (headers: Record<string, string>) =>
  new Request('http://localhost:3000/api/alerts/test', { method: 'POST', headers });

describe('isSameOrigin', () => {
  it('accepts the public address and refuses any other origin', () => {
    const env = { NEXTAUTH_URL: 'https://cdn.example.com' };
    expect(isSameOrigin(post({ origin: 'https://cdn.example.com', host: 'internal:3000' }), env)).toBe(true);
    expect(isSameOrigin(post({ origin: 'https://evil.example', host: 'cdn.example.com' }), env)).toBe(false);
    expect(isSameOrigin(post({ origin: 'http://cdn.example.com' }), env)).toBe(false);
  });

  it('without a public address, wants the host the request was made to', () => {
    expect(isSameOrigin(post({ origin: 'http://localhost:3000', host: 'localhost:3000' }), {})).toBe(true);
    expect(isSameOrigin(post({ origin: 'http://localhost:3001', host: 'localhost:3000' }), {})).toBe(false);
  });

  it('refuses a request without Origin, with a null Origin, or marked cross-site', () => {
    expect(isSameOrigin(post({ host: 'localhost:3000' }), {})).toBe(false);
    expect(isSameOrigin(post({ origin: 'null', host: 'localhost:3000' }), {})).toBe(false);
    expect(
      isSameOrigin(
        post({ origin: 'http://localhost:3000', host: 'localhost:3000', 'sec-fetch-site': 'cross-site' }),
        {},
      ),
    ).toBe(false);
  });
});
