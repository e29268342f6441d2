/** Signing in the way a person does, and the same flow over plain HTTP for the limit tests. */
import { type APIRequestContext, expect, type Page } from '@playwright/test';

/** Fills in the sign-in page the browser is on and submits it. */
export async function signInThroughPage(page: Page, username: string, password: string): Promise<void> {
  await expect(page).toHaveURL(/\/signin(\?|$)/);
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/**
 * One credentials sign-in through next-auth's own endpoints, exactly as next-auth's browser client
 * makes it (CSRF token, then the callback). Returns next-auth's error code, or null on success.
 */
export async function signInOverHttp(
  request: APIRequestContext,
  username: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<string | null> {
  const csrf = await request.get('/api/auth/csrf', { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await request.post('/api/auth/callback/credentials', {
    headers,
    form: { username, password, csrfToken, callbackUrl: '/tasks', json: 'true' },
  });
  const { url } = (await response.json()) as { url: string };
  return new URL(url).searchParams.get('error');
}
