/**
 * Without a session, every built API route answers 401 in the contract's error shape and every page
 * redirects to the sign-in page with the address asked for, except the few public ones. Enumerates
 * the build's own route manifest, so new routes are covered as they appear.
 */
import { expect, test } from '@playwright/test';
import { isPublicPath } from '../lib/auth-paths';
import { builtRoutes } from './support/built-routes';

test.use({ storageState: { cookies: [], origins: [] } });

const routes = builtRoutes();

test('the build has the routes this suite expects to guard', () => {
  const paths = routes.map((route) => route.path);
  expect(paths).toEqual(expect.arrayContaining(['/tasks', '/api/tasks', '/api/health', '/signin']));
});

for (const route of routes) {
  const isPublic = isPublicPath(route.path);
  test(`${route.kind} ${route.path} ${isPublic ? 'is public' : 'needs a session'}`, async ({ request }) => {
    const query = '?status=Failed&from=now-6h';
    // The proxy sends every non-API address, pages and file routes alike, to the sign-in page.
    if (route.kind !== 'api') {
      const response = await request.get(`${route.path}${query}`, { maxRedirects: 0 });
      if (isPublic) {
        expect(response.status()).toBe(200);
        return;
      }
      expect(response.status()).toBe(307);
      expect(response.headers().location).toBe(
        `/signin?callbackUrl=${encodeURIComponent(`${route.path}${query}`)}`,
      );
      return;
    }
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      const response = await request.fetch(`${route.path}${query}`, { method, maxRedirects: 0 });
      if (isPublic) {
        expect(response.status(), `${method} ${route.path}`).not.toBe(401);
        continue;
      }
      expect(response.status(), `${method} ${route.path}`).toBe(401);
      expect(await response.json()).toEqual({
        error: { code: 'Unauthorized', message: expect.any(String) },
      });
    }
  });
}

test('a forged or expired session cookie counts as none', async ({ request }) => {
  const forged = {
    Cookie: 'next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..forged.forged.forged',
  };
  expect((await request.get('/api/tasks', { headers: forged })).status()).toBe(401);
  const page = await request.get('/tasks', { headers: forged, maxRedirects: 0 });
  expect(page.status()).toBe(307);
});
