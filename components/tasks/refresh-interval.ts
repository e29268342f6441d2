import type { RefreshInterval } from '@/lib/filters';

const INTERVAL_MS: Record<RefreshInterval, number | false> = {
  off: false,
  '10s': 10_000,
  '30s': 30_000,
  '1m': 60_000,
  '5m': 300_000,
};

/** How long one interval is, in seconds: what its label in the toolbar says. */
export function refreshIntervalSeconds(refresh: Exclude<RefreshInterval, 'off'>): number {
  return (INTERVAL_MS[refresh] as number) / 1000;
}

export function refreshIntervalMs(refresh: RefreshInterval, paused: boolean): number | false {
  return paused ? false : INTERVAL_MS[refresh];
}
