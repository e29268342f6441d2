/**
 * Waiting for the dashboard's store to match the emulator. The store is filled by a background sync
 * (a few seconds behind the upstream by design); a test that froze the emulator's clock and now
 * compares the dashboard with the SDK's reading must first let the sync catch up.
 */
import { expect, request } from '@playwright/test';
import { E2E_PORT, OPERATOR_STORAGE_STATE } from '../../playwright.config';

interface SyncStatus {
  syncedAt: string | null;
  backfill: { done: boolean };
}

/**
 * Resolves once the backfill is done and a head poll has started after this call, plus one round of
 * following in-flight rows (the e2e server follows every second, old rows every two seconds).
 */
export async function storeCaughtUp(): Promise<void> {
  const since = Math.ceil(Date.now() / 1000) * 1000;
  const api = await request.newContext({
    baseURL: `http://localhost:${E2E_PORT}`,
    storageState: OPERATOR_STORAGE_STATE,
  });
  await expect
    .poll(
      async () => {
        const status = (await (await api.get('/api/sync')).json()) as SyncStatus;
        return status.backfill.done && status.syncedAt !== null && Date.parse(status.syncedAt) >= since;
      },
      { timeout: 45_000, intervals: [250] },
    )
    .toBe(true);
  await api.dispose();
  await new Promise((resolve) => setTimeout(resolve, 2_500));
}
