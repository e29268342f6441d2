/**
 * The store knows which Alibaba Cloud account it mirrors (docs/store-identity.md), on private servers
 * started on the build under test against a real emulator that answers STS GetCallerIdentity:
 *   - a store synced under key A, restarted with a key of another account, is refused with a message
 *     naming the store, both accounts and the way out; restarted with a second key of A, it starts
 *     and carries on without a second backfill;
 *   - a store filled in demo mode is refused to a live account: demo rows never reach its views.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, request as newRequestContext, test } from '@playwright/test';
import { EMULATOR_DEFAULTS } from '../emulator/defaults';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { E2E_PORT } from '../playwright.config';
import { type PrivateAppServer, startExpectingRefusal, startOnBuild } from './support/app-server';
import { signInOverHttp } from './support/sign-in';

test.use({ storageState: { cookies: [], origins: [] } });
test.describe.configure({ mode: 'serial' });

const PORT = E2E_PORT + 20;
const ACCOUNT_A = '5200000000000002';
const ACCOUNT_B = '5100000000000001';
const KEY_A = { id: 'LTAI5tIdentityKeyA1', secret: 'IdentitySecretA1NotShown' };
const KEY_A2 = { id: 'LTAI5tIdentityKeyA2', secret: 'IdentitySecretA2NotShown' };
const KEY_B = { id: 'LTAI5tIdentityKeyB1', secret: 'IdentitySecretB1NotShown' };

let emulator: RunningEmulator;
const dataDirs: string[] = [];

function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cdnmon-identity-'));
  dataDirs.push(dir);
  return dir;
}

function liveEnv(key: { id: string; secret: string }, dataDir: string): Record<string, string> {
  return {
    ALIBABA_CLOUD_ACCESS_KEY_ID: key.id,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: key.secret,
    CDN_ENDPOINT: emulator.url,
    STS_ENDPOINT: emulator.url,
    DATA_DIR: dataDir,
    AUTH_SECRET: 'store-identity-test-session-key-0123456789',
    AUTH_USERS_FILE: 'e2e/fixtures/users.json',
    NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
    LOG_LEVEL: 'info',
  };
}

/** The rows the server's store holds once its backfill is complete (read as a signed-in viewer). */
async function backfilledRows(app: PrivateAppServer, user: string, password: string): Promise<number> {
  const client = await newRequestContext.newContext({ baseURL: app.url });
  try {
    expect(await signInOverHttp(client, user, password)).toBeNull();
    let rows = 0;
    await expect
      .poll(
        async () => {
          const status = (await (await client.get('/api/sync')).json()) as {
            backfill: { done: boolean; storedRows: number };
          };
          rows = status.backfill.storedRows;
          return status.backfill.done && rows > 0;
        },
        { timeout: 60_000, intervals: [500] },
      )
      .toBe(true);
    return rows;
  } finally {
    await client.dispose();
  }
}

/** Runs a server until its first backfill is complete, then stops it; answers the rows it stored. */
async function syncOnce(env: Record<string, string>, user: string, password: string): Promise<number> {
  const app: PrivateAppServer = await startOnBuild({ port: PORT, env });
  try {
    expect(app.output()).not.toContain('npm run store:reset');
    return await backfilledRows(app, user, password);
  } finally {
    await app.stop();
  }
}

test.beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    tasks: 400,
    rateLimits: 'off',
    // The main pair is the demo's (the emulator's own account); A and A2 are one live account, B another.
    accessKeys: [
      { ...KEY_A, accountId: ACCOUNT_A },
      { ...KEY_A2, accountId: ACCOUNT_A },
      { ...KEY_B, accountId: ACCOUNT_B },
    ],
  });
});

test.afterAll(async () => {
  await emulator?.close();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

test('a store of account A refuses a key of account B, and takes a second key of A', async () => {
  test.setTimeout(240_000);
  const dataDir = freshDataDir();
  const rows = await syncOnce(liveEnv(KEY_A, dataDir), 'olivia', 'olivia-operator-pw');

  const refused = await startExpectingRefusal({ port: PORT, env: liveEnv(KEY_B, dataDir) });
  expect(refused.code).toBe(1);
  expect(refused.output).toContain(
    `The store in DATA_DIR (${join(dataDir, 'store')}) holds account "default"`,
  );
  expect(refused.output).toContain(`as Alibaba Cloud account ${ACCOUNT_A}`);
  expect(refused.output).toContain(`belong to Alibaba Cloud account ${ACCOUNT_B}`);
  expect(refused.output).toContain('another DATA_DIR or DATABASE_URL');
  expect(refused.output).toContain('npm run store:reset -- --account default');
  for (const secret of [KEY_B.id, KEY_B.secret, KEY_A.secret]) expect(refused.output).not.toContain(secret);

  const rotated = await startOnBuild({ port: PORT, env: liveEnv(KEY_A2, dataDir) });
  try {
    expect(rotated.output()).not.toContain('npm run store:reset');
    // The same account's rows carry on: no second backfill.
    await expect.poll(() => rotated.output(), { timeout: 30_000 }).toContain('syncing this account');
    expect(rotated.output()).toMatch(/"backfillDone":true[^\n]*syncing this account/);
    expect(await backfilledRows(rotated, 'olivia', 'olivia-operator-pw')).toBeGreaterThanOrEqual(rows);
  } finally {
    await rotated.stop();
  }
});

test('a store filled in demo mode refuses a live account', async () => {
  test.setTimeout(240_000);
  const dataDir = freshDataDir();
  await syncOnce(
    {
      DEMO: '1',
      EMULATOR_PORT: String(emulator.port),
      EMULATOR_ACCESS_KEY_ID: '',
      EMULATOR_ACCESS_KEY_SECRET: '',
      DATA_DIR: dataDir,
      TRUSTED_PROXIES: '',
      LOG_LEVEL: 'info',
    },
    'demo',
    'demo',
  );
  const refused = await startExpectingRefusal({ port: PORT, env: liveEnv(KEY_A, dataDir) });
  expect(refused.code).toBe(1);
  expect(refused.output).toContain(`as Alibaba Cloud account ${EMULATOR_DEFAULTS.accountId}`);
  expect(refused.output).toContain(`belong to Alibaba Cloud account ${ACCOUNT_A}`);
});
