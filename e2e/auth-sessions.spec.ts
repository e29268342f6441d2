/**
 * Sessions end when they should, on a private server with a users file of its own (the shared
 * e2e/fixtures/users.json stays as it is for every other spec): a user removed from the file is
 * refused, a role changed in the file applies to the session already open, and a copy of the session
 * cookie is refused once its owner signed out. The server looks at its users file at most every
 * second (AUTH_USERS_RECHECK_SECONDS=1), so each check waits for that bound, never for 60 s.
 */
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type APIRequestContext,
  type BrowserContext,
  expect,
  request as newRequestContext,
  test,
} from '@playwright/test';
import bcrypt from 'bcryptjs';
import { E2E_EMULATOR_PORT, E2E_PORT } from '../playwright.config';
import { type PrivateAppServer, startOnBuild } from './support/app-server';
import { hydrated } from './support/hydrated';
import { signInThroughPage } from './support/sign-in';

/** This spec's private server (security-forwarded has +8 to +10, security-headers +11). */
const SESSIONS_PORT = E2E_PORT + 21;
const RECHECK_SECONDS = 1;
/** Generous beside the 1 s bound: a loaded machine may take a while to answer each poll. */
const WITHIN_BOUND = { timeout: 15_000, intervals: [250] };

interface UserEntry {
  username: string;
  password: string;
  role: 'operator' | 'viewer';
}

const PASSWORDS = { ursula: 'ursula-session-pw', oscar: 'oscar-session-pw', sven: 'sven-session-pw' };
// The lowest cost bcrypt allows: these accounts guard nothing, and sign-in should be quick.
const hashed = (password: string) => bcrypt.hashSync(password, 4);
const ENTRIES: Record<keyof typeof PASSWORDS, UserEntry> = {
  ursula: { username: 'ursula', password: hashed(PASSWORDS.ursula), role: 'viewer' },
  oscar: { username: 'oscar', password: hashed(PASSWORDS.oscar), role: 'operator' },
  sven: { username: 'sven', password: hashed(PASSWORDS.sven), role: 'viewer' },
};

const usersFile = join(mkdtempSync(join(tmpdir(), 'e2e-sessions-')), 'users.json');

/** Written beside, then renamed, as `npm run user:add` does: the server never reads half a file. */
function writeUsers(entries: UserEntry[]): void {
  writeFileSync(`${usersFile}.tmp`, JSON.stringify(entries, null, 2));
  renameSync(`${usersFile}.tmp`, usersFile);
}

let app: PrivateAppServer;

test.use({ storageState: { cookies: [], origins: [] } });
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  writeUsers(Object.values(ENTRIES));
  app = await startOnBuild({
    port: SESSIONS_PORT,
    env: {
      DEMO: '1',
      EMULATOR_PORT: String(E2E_EMULATOR_PORT),
      AUTH_USERS_FILE: usersFile,
      AUTH_USERS_RECHECK_SECONDS: String(RECHECK_SECONDS),
      DATA_DIR: 'memory://',
      LOG_LEVEL: 'warn',
    },
  });
});

test.afterAll(async () => {
  await app?.stop();
});

/** Signs `name` in through the real sign-in page of the private server, in a browser context of its own. */
async function signedIn(context: BrowserContext, name: keyof typeof PASSWORDS) {
  const page = await context.newPage();
  await page.goto(`${app.url}/tasks`);
  await signInThroughPage(page, name, PASSWORDS[name]);
  await expect(page).toHaveURL(`${app.url}/tasks`);
  await expect(page.getByTestId('current-user')).toHaveText(name);
  return page;
}

async function statusOf(request: APIRequestContext, path: string): Promise<number> {
  return (await request.get(`${app.url}${path}`)).status();
}

test('a user removed from the users file is refused within the recheck interval, pages and API alike', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await signedIn(context, 'ursula');
  expect(await statusOf(page.request, '/api/tasks')).toBe(200);

  writeUsers([ENTRIES.oscar, ENTRIES.sven]);
  await expect.poll(() => statusOf(page.request, '/api/tasks'), WITHIN_BOUND).toBe(401);
  expect(await (await page.request.get(`${app.url}/api/tasks`)).json()).toEqual({
    error: { code: 'Unauthorized', message: expect.any(String) },
  });
  // next-auth's own session endpoint no longer knows the user either (nor slides the session on).
  expect(await (await page.request.get(`${app.url}/api/auth/session`)).json()).toEqual({});
  await page.goto(`${app.url}/tasks`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Ftasks$/);
  // And signing in again is refused: the account is gone.
  await signInThroughPage(page, 'ursula', PASSWORDS.ursula);
  await expect(page.getByTestId('signin-error')).toHaveText('Wrong username or password.');
  await context.close();
  writeUsers(Object.values(ENTRIES));
});

test('an operator changed to viewer in the file loses the quota and resubmission in the open session', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await signedIn(context, 'oscar');
  await expect(page.getByTestId('current-role')).toHaveText('operator');
  const preview = async () => {
    const csrf = (await (await page.request.get(`${app.url}/api/auth/csrf`)).json()) as { csrfToken: string };
    const answer = await page.request.post(`${app.url}/api/resubmit`, {
      headers: { Origin: app.url, 'X-CSRF-Token': csrf.csrfToken },
      data: { mode: 'preview', selection: { kind: 'view', search: 'status=Failed' } },
    });
    return answer.status();
  };
  expect(await statusOf(page.request, '/api/quota')).toBe(200);
  expect(await preview()).toBe(200);

  writeUsers([ENTRIES.ursula, { ...ENTRIES.oscar, role: 'viewer' }, ENTRIES.sven]);
  await expect.poll(() => statusOf(page.request, '/api/quota'), WITHIN_BOUND).toBe(403);
  expect(await preview()).toBe(403);
  // Still signed in, as a viewer: the tasks are readable and the page says the new role.
  expect(await statusOf(page.request, '/api/tasks')).toBe(200);
  await page.reload();
  await expect(page.getByTestId('current-role')).toHaveText('viewer');
  await context.close();
  writeUsers(Object.values(ENTRIES));
});

test('a copy of the session cookie is refused once its owner signed out', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await signedIn(context, 'sven');
  const copy: APIRequestContext = await newRequestContext.newContext({
    storageState: await context.storageState(),
  });
  try {
    expect(await statusOf(copy, '/api/tasks')).toBe(200);

    // Sign out is a script's button: a click before the page is live does nothing (README).
    await hydrated(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(`${app.url}/signin`);

    expect(await statusOf(copy, '/api/tasks')).toBe(401);
    expect(await (await copy.get(`${app.url}/api/auth/session`)).json()).toEqual({});
    const tasksPage = await copy.get(`${app.url}/tasks`);
    expect(new URL(tasksPage.url()).pathname).toBe('/signin');
  } finally {
    await copy.dispose();
    await context.close();
  }
});
