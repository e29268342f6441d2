/**
 * How a dashboard's backfill went, watched from outside: timed from the sync's first upstream call
 * to /api/sync saying the backfill is done, its pages counted in the emulator's log, its calls by
 * purpose read off the instance's metrics.
 */
import { writeFileSync } from 'node:fs';
import type { DashboardFleet, DashboardInstance } from './dashboard-instances';
import { metricSum, scrapeMetrics, syncStatusOf, upstreamCalls } from './instance-probes';

export interface BackfillRecord {
  /** From the sync's first upstream call to /api/sync reporting the backfill done. */
  ms: number;
  /** DescribeRefreshTasks calls in that time, all of them, and those of a full page (100 rows). */
  calls: number;
  pages: number;
  /** The instance's own count of its calls by purpose (cdnmon_sync_calls_total). */
  byPurpose: Record<string, number>;
  /** The stored rows /api/sync reports (the kept counts: 0 when the count cells are switched off). */
  storedRows: number;
  throttled: number;
}

/** Waits until the instance's backfill is done (or `timeoutMs` passes), then tells how it went. */
export async function watchBackfill(
  fleet: DashboardFleet,
  instance: DashboardInstance,
  cookie: string,
  timeoutMs = 10 * 60_000,
): Promise<BackfillRecord> {
  const deadline = Date.now() + timeoutMs;
  let status = await syncStatusOf(instance.url, cookie);
  while (!status.backfill.done) {
    if (Date.now() > deadline)
      throw new Error(`the backfill did not finish within ${Math.round(timeoutMs / 60_000)} minutes`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    status = await syncStatusOf(instance.url, cookie);
  }
  const doneAt = Date.now();
  // BENCH_BACKFILL_CALLS=file: every logged call as JSON, to find where the time between calls goes.
  if (process.env.BENCH_BACKFILL_CALLS)
    writeFileSync(
      `${process.env.BENCH_BACKFILL_CALLS}-${doneAt}.json`,
      JSON.stringify({ doneAt, calls: fleet.emulator.state.requestLog.list() }),
    );
  const calls = upstreamCalls(fleet.emulator, 0, doneAt, 'DescribeRefreshTasks');
  const firstAt = calls[0]?.atMs ?? doneAt;
  const scraped = await scrapeMetrics(instance.url);
  const byPurpose: Record<string, number> = {};
  for (const purpose of ['backfill', 'head', 'follow', 'reconcile'])
    byPurpose[purpose] = metricSum(
      scraped
        .split('\n')
        .filter((line) => line.includes(`purpose="${purpose}"`))
        .join('\n'),
      'cdnmon_sync_calls_total',
    );
  return {
    ms: doneAt - firstAt,
    calls: calls.length,
    pages: calls.filter((call) => call.pageSize === 100).length,
    byPurpose,
    storedRows: status.backfill.storedRows,
    throttled: calls.filter((call) => call.code !== null && /throttl/i.test(call.code)).length,
  };
}
