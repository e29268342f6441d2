/**
 * Single sign-on end to end: Chromium, the dashboard, and a real OpenID provider started here on
 * E2E_OIDC_PORT (the dashboard is configured for it in playwright.config.ts). Roles come from the
 * operator allow-list, from the role claim, or default to viewer; the accounts a user may see, from
 * the accounts claim.
 */
import { expect, type Page, test } from '@playwright/test';
import { E2E_OIDC_PORT, E2E_PORT } from '../playwright.config';
import { type RunningOidcIssuer, startOidcIssuer } from './support/oidc-issuer';

test.use({ storageState: { cookies: [], origins: [] } });

let issuer: RunningOidcIssuer;

test.beforeAll(async () => {
  issuer = await startOidcIssuer({
    port: E2E_OIDC_PORT,
    clientId: 'cdn-refresh-monitor-e2e',
    clientSecret: 'e2e-client-secret-not-for-production',
    redirectUri: `http://localhost:${E2E_PORT}/api/auth/callback/oidc`,
  });
});

test.afterAll(async () => {
  await issuer?.close();
});

async function signInWithSingleSignOn(page: Page, login: string): Promise<void> {
  await page.getByRole('button', { name: 'Sign in with single sign-on' }).click();
  // The identity provider's own pages, on its own origin.
  await expect(page).toHaveURL(new RegExp(`^http://localhost:${E2E_OIDC_PORT}/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

const cases = [
  {
    login: 'listed.operator',
    name: 'Listed Operator',
    role: 'operator',
    why: 'e-mail in AUTH_OIDC_OPERATORS',
  },
  { login: 'claim.operator', name: 'Claim Operator', role: 'operator', why: 'operator in the role claim' },
  { login: 'plain.viewer', name: 'Plain Viewer', role: 'viewer', why: 'neither: the default' },
  {
    login: 'unverified.listed',
    name: 'Unverified Listed',
    role: 'viewer',
    why: 'listed e-mail, but email_verified is not true',
  },
] as const;

for (const { login, name, role, why } of cases) {
  test(`single sign-on as ${login} lands on the asked-for link as ${role} (${why})`, async ({
    page,
    baseURL,
  }) => {
    await page.goto('/tasks?status=Failed&type=file');
    await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
    await signInWithSingleSignOn(page, login);

    await expect(page).toHaveURL(`${baseURL}/tasks?status=Failed&type=file`);
    await expect(page.getByTestId('current-user')).toHaveText(name);
    await expect(page.getByTestId('current-role')).toHaveText(role);
    const session = await (await page.request.get('/api/auth/session')).json();
    // The accounts claim, decided at sign-in like the role.
    expect(session.user).toEqual({ id: `oidc:${login}`, name, role, accounts: ['default'] });
  });
}

test('single sign-on whose accounts claim names no account of this dashboard: 403 on pages and routes', async ({
  page,
}) => {
  await page.goto('/tasks?status=Failed');
  await signInWithSingleSignOn(page, 'claim.elsewhere');
  await expect(page.getByRole('heading', { name: 'Not permitted' })).toBeVisible();
  expect((await (await page.request.get('/api/auth/session')).json()).user.accounts).toEqual(['staging']);
  for (const route of ['/api/tasks', '/api/tasks/summary', '/api/triage', '/api/sync'])
    expect((await page.request.get(route)).status(), route).toBe(403);
  await page.goto('/triage');
  await expect(page.getByRole('heading', { name: 'Not permitted' })).toBeVisible();
});
