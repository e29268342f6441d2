/**
 * STS is another service than the CDN API: where it cannot be reached (a network that lets only the
 * CDN API out), its failed GetCallerIdentity attempts neither open the account's circuit breaker nor
 * stop the CDN calls after them. Real emulator for the CDN, a closed port for STS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '@/emulator/server';
import { freePort } from '@/testing/upstream-test-support';
import { DEFAULT_ACCOUNT_ID } from '../accounts/accounts';
import { metrics } from '../metrics';
import { describeRefreshTasks } from './cdn';
import { readUpstreamSettings } from './settings';
import { callerIdentity } from './sts';
import { resetUpstreamRuntime } from './upstream-runtime';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tasks: 20, seed: 3 });
  process.env.CDN_ENDPOINT = emulator.url;
  process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = '';
  // Nothing listens there: every STS attempt is refused, as behind an egress filter.
  process.env.STS_ENDPOINT = `http://127.0.0.1:${await freePort()}`;
  // A breaker that a single call's retries could open, were STS counted in it.
  await resetUpstreamRuntime(
    readUpstreamSettings({
      CDN_BREAKER_FAILURES: '2',
      CDN_RETRY_ATTEMPTS: '3',
      CDN_BREAKER_HALF_OPEN_MS: '60000',
    }),
  );
}, 60_000);

afterAll(async () => {
  await resetUpstreamRuntime();
  await emulator?.close();
});

async function circuitOpen(): Promise<number | undefined> {
  return (await metrics().circuitOpen.get()).values.find(
    (value) => value.labels.account === DEFAULT_ACCOUNT_ID,
  )?.value;
}

describe('STS unreachable', () => {
  it('fails its own call, and the CDN calls after it still go through', async () => {
    await expect(callerIdentity(DEFAULT_ACCOUNT_ID)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(callerIdentity(DEFAULT_ACCOUNT_ID)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(await circuitOpen()).toBe(0);
    await expect(
      describeRefreshTasks(DEFAULT_ACCOUNT_ID, { pageNumber: 1, pageSize: 1 }),
    ).resolves.toMatchObject({
      pageSize: 1,
    });
  }, 60_000);
});
