/**
 * What the benchmarks and the resilience test read off a running dashboard and its emulator: the
 * store's freshness (/api/sync), Prometheus samples (/api/metrics), and the upstream calls the
 * emulator logged in a span of time.
 */

import type { RunningEmulator } from '../../emulator/server';
import type { SyncStatusResponse } from '../../lib/api-types';
import type { LoggedCall } from '../../testing/upstream-test-support';
import { BENCH_METRICS_TOKEN } from './dashboard-instances';

export async function syncStatusOf(url: string, cookie: string): Promise<SyncStatusResponse> {
  const response = await fetch(`${url}/api/sync`, { headers: { cookie } });
  if (!response.ok) throw new Error(`/api/sync answered HTTP ${response.status}`);
  return (await response.json()) as SyncStatusResponse;
}

export async function scrapeMetrics(url: string): Promise<string> {
  const response = await fetch(`${url}/api/metrics`, {
    headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` },
  });
  if (!response.ok) throw new Error(`/api/metrics answered HTTP ${response.status}`);
  return response.text();
}

/** The sum of every sample of one metric (all label sets); 0 when it has none yet. */
export function metricSum(scraped: string, name: string): number {
  let sum = 0;
  for (const line of scraped.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1)) || 0;
  }
  return sum;
}

/** Upstream calls the instance's background sync has made (every purpose). */
export async function syncCallsOf(url: string): Promise<number> {
  return metricSum(await scrapeMetrics(url), 'cdnmon_sync_calls_total');
}

/** A logged call, with its arrival as a number and its page size (null when the call gave none). */
export interface UpstreamCall extends LoggedCall {
  atMs: number;
  pageSize: number | null;
}

/** The calls the emulator received from `fromMs` (inclusive) to `toMs` (exclusive), optionally of one action. */
export function upstreamCalls(
  emulator: RunningEmulator,
  fromMs: number,
  toMs = Number.POSITIVE_INFINITY,
  action?: string,
): UpstreamCall[] {
  return emulator.state.requestLog
    .list()
    .map((entry) => ({
      time: entry.time,
      atMs: Date.parse(entry.time),
      action: entry.action,
      pageSize: entry.parameters.PageSize === undefined ? null : Number(entry.parameters.PageSize),
      status: entry.status,
      code: entry.code,
    }))
    .filter((call) => call.atMs >= fromMs && call.atMs < toMs && (!action || call.action === action));
}

/** Calls per second over a span. */
export function ratePerSecond(calls: readonly unknown[], fromMs: number, toMs: number): number {
  return toMs > fromMs ? (calls.length * 1000) / (toMs - fromMs) : 0;
}
