/** Sign-in, roles in the header, sign-out and the session cookie, in a browser that starts signed out. */
import { expect, test } from '@playwright/test';
import { hydrated } from './support/hydrated';
import { signInThroughPage } from './support/sign-in';

test.use({ storageState: { cookies: [], origins: [] } });

test('a shared filtered link survives sign-in, query string included', async ({ page, baseURL }) => {
  await page.goto('/tasks?status=Failed&type=file');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Ftasks%3Fstatus%3DFailed%26type%3Dfile$/);
  await expect(page.getByTestId('demo-signin-hint')).toContainText('demo');
  await expect(page.getByTestId('demo-signin-hint')).toContainText('operator');

  await signInThroughPage(page, 'demo', 'demo');
  await expect(page).toHaveURL(`${baseURL}/tasks?status=Failed&type=file`);
  await expect(
    page.getByRole('group', { name: 'Status' }).getByRole('button', { name: 'Failed' }),
  ).toHaveAttribute('aria-pressed', 'true');
  expect(page.url()).toBe(`${baseURL}/tasks?status=Failed&type=file`);
});

test('a wrong password is refused on the sign-in page', async ({ page }) => {
  await page.goto('/tasks');
  await signInThroughPage(page, 'victor', 'not-his-password');
  await expect(page.getByTestId('signin-error')).toHaveText('Wrong username or password.');
  await expect(page).toHaveURL(/\/signin\?/);
  expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain(
    'next-auth.session-token',
  );
});

test('a viewer sees name and role in the header, and signing out ends the session', async ({
  page,
  baseURL,
}) => {
  await page.goto('/tasks');
  await signInThroughPage(page, 'victor', 'victor-viewer-pw');
  await expect(page.getByTestId('current-user')).toHaveText('victor');
  await expect(page.getByTestId('current-role')).toHaveText('viewer');
  // Sign out is a script's button: a click before the page is live does nothing (README).
  await hydrated(page);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(`${baseURL}/signin`);
  expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain(
    'next-auth.session-token',
  );
  await page.goto('/tasks');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Ftasks$/);
  expect((await page.request.get('/api/tasks')).status()).toBe(401);
});

test('the session cookie is HttpOnly and SameSite=Lax (not Secure over plain HTTP)', async ({ page }) => {
  await page.goto('/tasks');
  await signInThroughPage(page, 'demo', 'demo');
  await expect(page.getByTestId('current-user')).toHaveText('demo');
  const session = (await page.context().cookies()).find(
    (cookie) => cookie.name === 'next-auth.session-token',
  );
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });
});

test('a signed-in visitor to the sign-in page goes straight on', async ({ page, baseURL }) => {
  await page.goto('/tasks');
  await signInThroughPage(page, 'demo', 'demo');
  await expect(page.getByTestId('current-user')).toHaveText('demo');
  await page.goto('/signin?callbackUrl=%2Ftasks%3Fstatus%3DPending');
  await expect(page).toHaveURL(`${baseURL}/tasks?status=Pending`);
});

test('a callback to another site is not followed', async ({ page, baseURL }) => {
  await page.goto('/signin?callbackUrl=https%3A%2F%2Fevil.example%2Fphish');
  await signInThroughPage(page, 'demo', 'demo');
  await expect(page).toHaveURL(`${baseURL}/tasks`);
});

test('a callback that normalises to another site (dot segments) is not followed', async ({
  page,
  baseURL,
}) => {
  await page.goto('/signin?callbackUrl=/.//evil.example/login');
  await signInThroughPage(page, 'demo', 'demo');
  await expect(page).toHaveURL(`${baseURL}/tasks`);
  await expect(page.getByTestId('current-user')).toHaveText('demo');

  // Signed in, the sign-in page redirects at once: to this site only, whatever the spelling.
  for (const callbackUrl of ['/.//evil.example/x', '/%2e//evil.example/x', '/..//evil.example/x']) {
    const response = await page.request.get(`/signin?callbackUrl=${callbackUrl}`, { maxRedirects: 0 });
    expect(response.status(), callbackUrl).toBe(307);
    expect(response.headers().location, callbackUrl).toBe('/tasks');
  }
});
