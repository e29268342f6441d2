/**
 * A sync signing with the wrong secret, against the real emulator over HTTP: the last error it keeps
 * (and the sync panel shows operators) names the upstream's code, SignatureDoesNotMatch, and none of
 * what the upstream's message repeats of the call (its string-to-sign, V2's AccessKeyId).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EMULATOR_DEFAULTS } from '@/emulator/defaults';
import { type RunningEmulator, startEmulator } from '@/emulator/server';
import { openStore, type Store } from '../store/database';
import { readUpstreamFrom } from '../upstream/emulator-upstream.fixture';
import { resetUpstreamRuntime } from '../upstream/upstream-runtime';
import { AccountSync } from './account-sync';
import { readSyncSettings } from './settings';
import { readSyncState } from './sync-state';

let emulator: RunningEmulator;
let store: Store;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tasks: 50, seed: 3, rateLimits: 'off' });
  // Demo mode signs with these keys: the right id, a wrong secret.
  process.env.EMULATOR_ACCESS_KEY_ID = EMULATOR_DEFAULTS.accessKeyId;
  process.env.EMULATOR_ACCESS_KEY_SECRET = 'not-the-secret-of-this-key';
  await readUpstreamFrom(emulator.url);
  store = await openStore({ databaseUrl: null, dataDir: 'memory://', historyDays: 30 });
}, 60_000);

afterAll(async () => {
  await resetUpstreamRuntime();
  await store?.close();
  await emulator?.close();
});

it('keeps the code and a cleaned message as the sync’s last error', async () => {
  const sync = new AccountSync(store, 'default', { ...readSyncSettings({}), headIntervalMs: 300 });
  sync.start();
  let lastError: string | null = null;
  try {
    const deadline = Date.now() + 30_000;
    while (lastError === null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      lastError = (await readSyncState(store.db, 'default'))?.lastError ?? null;
    }
  } finally {
    await sync.stop();
  }
  expect(lastError).toMatch(/^SignatureDoesNotMatch: Specified signature/);
  expect(lastError).not.toMatch(/string to sign/i);
  expect(lastError).not.toContain(EMULATOR_DEFAULTS.accessKeyId);
}, 60_000);
