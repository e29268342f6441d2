import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('@/lib/server/logger', () => ({
  logger: () => ({ info: () => {}, warn: () => {}, error: () => {} }),
}));

const { POST } = await import('./route');

const OWN = 'http://localhost:3000';

function post(body: string, headers: Record<string, string> = {}): Request {
  return new Request(`${OWN}/api/locale`, {
    method: 'POST',
    headers: {
      host: 'localhost:3000',
      origin: OWN,
      'sec-fetch-site': 'same-origin',
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    },
    body,
  });
}

async function errorOf(response: Response) {
  return (
    (await response.json()) as { error: { code: string; message: string; fields?: Record<string, string> } }
  ).error;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('POST /api/locale', () => {
  it('remembers the language for a year and goes back to the page, its address unchanged', async () => {
    const returnTo = '/tasks?status=Failed&from=now-6h&acct=prod';
    const response = await POST(post(new URLSearchParams({ locale: 'zh', returnTo }).toString()));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(returnTo);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^locale=zh;/);
    expect(cookie).toMatch(/Max-Age=31536000/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it('goes back to the sign-in page with its callback, and to / without a return path', async () => {
    const signIn = await POST(post('locale=en&returnTo=%2Fsignin%3FcallbackUrl%3D%252Ftasks'));
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toBe('/signin?callbackUrl=%2Ftasks');
    const bare = await POST(post('locale=en'));
    expect(bare.status).toBe(303);
    expect(bare.headers.get('location')).toBe('/');
    expect(bare.headers.get('set-cookie')).toMatch(/^locale=en;/);
  });

  it('sets a Secure cookie when the public address is https', async () => {
    vi.stubEnv('NEXTAUTH_URL', 'https://cdn.example.com');
    const response = await POST(post('locale=zh&returnTo=%2Ftasks', { origin: 'https://cdn.example.com' }));
    expect(response.status).toBe(303);
    expect(response.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
  });

  it.each([
    ['a language we do not have', 'locale=fr&returnTo=%2Ftasks', 'locale'],
    ['no language', 'returnTo=%2Ftasks', 'locale'],
    ['a field twice', 'locale=zh&locale=en', 'locale'],
    ['a field the form does not have', 'locale=zh&theme=dark', 'theme'],
    ['a field named __proto__', 'locale=zh&__proto__=x', '__proto__'],
  ])('refuses %s with 400 naming the field, and sets no cookie', async (_, body, field) => {
    const response = await POST(post(body));
    expect(response.status).toBe(400);
    expect(response.headers.get('set-cookie')).toBeNull();
    const error = await errorOf(response);
    expect(error.code).toBe('BadRequest');
    expect(Object.keys(error.fields ?? {})).toEqual([field]);
    expect(error.message).toContain(field);
  });

  it('refuses a body that is not a form', async () => {
    const response = await POST(post('{"locale":"zh"}', { 'content-type': 'application/json' }));
    expect(response.status).toBe(400);
    expect((await errorOf(response)).fields).toHaveProperty('content-type');
  });

  it.each([
    'https://evil.example/',
    '//evil.example/x',
    '/\\evil.example',
    '/.//evil.example/x',
    '/%2e//evil.example/x',
    '/..//evil.example/x',
    'javascript:alert(1)',
    'tasks',
    '/tasks\r\nSet-Cookie: x=1',
    '/api/tasks?status=Failed',
    `/${'a'.repeat(5000)}`,
  ])('refuses the return path %j (no open redirect) with 400 naming returnTo', async (returnTo) => {
    const response = await POST(post(new URLSearchParams({ locale: 'zh', returnTo }).toString()));
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.get('set-cookie')).toBeNull();
    expect((await errorOf(response)).fields).toEqual({ returnTo: 'must be a path on this site' });
  });

  it.each([
    ['another origin', { origin: 'https://evil.example' }],
    ['no origin', { origin: '' }],
    ['a cross-site form', { 'sec-fetch-site': 'cross-site' }],
  ])('refuses %s with 403 before reading the form', async (_, headers) => {
    const response = await POST(post('locale=zh&returnTo=%2Ftasks', headers));
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect((await errorOf(response)).code).toBe('CrossSiteRefused');
  });
});
