/**
 * Points the upstream layer at a test's emulator with the read calls' budget raised far above the
 * account's, so a test of the sync measures the sync's own pacing, not the shared limiter's.
 */
import 'server-only';
import { readUpstreamSettings } from './settings';
import { resetUpstreamRuntime } from './upstream-runtime';

export async function readUpstreamFrom(emulatorUrl: string): Promise<void> {
  process.env.CDN_ENDPOINT = emulatorUrl;
  process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = '';
  const settings = readUpstreamSettings({});
  await resetUpstreamRuntime({
    ...settings,
    ratePerSecond: { ...settings.ratePerSecond, DescribeRefreshTasks: 200, DescribeRefreshTaskById: 200 },
  });
}
