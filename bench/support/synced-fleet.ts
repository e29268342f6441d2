/**
 * One dashboard whose store has synced the emulator's 30,000 tasks, with default sync settings,
 * shared by the benchmarks that need a full store (backfill, load, freshness, ui, faults): started on
 * first use, its backfill watched from the first upstream call to /api/sync saying done, and stopped
 * when `npm run bench` ends (stopSyncedFleet).
 */
import { BENCH_PORT, type DashboardFleet, type DashboardInstance, startFleet } from './dashboard-instances';
import { metricSum, scrapeMetrics, syncStatusOf, upstreamCalls } from './instance-probes';

export const SYNCED_TASKS = 30_000;

export interface BackfillRecord {
  /** From the sync's first upstream call to /api/sync reporting the backfill done. */
  ms: number;
  /** DescribeRefreshTasks calls in that time, all of them, and those of a full page (100 rows). */
  calls: number;
  pages: number;
  /** The instance's own count of its calls by purpose (cdnmon_sync_calls_total). */
  byPurpose: Record<string, number>;
  storedRows: number;
  throttled: number;
}

export interface SyncedFleet {
  fleet: DashboardFleet;
  instance: DashboardInstance;
  cookie: string;
  backfill: BackfillRecord;
}

let shared: Promise<SyncedFleet> | null = null;

export function syncedFleet(): Promise<SyncedFleet> {
  shared ??= start();
  return shared;
}

export async function stopSyncedFleet(): Promise<void> {
  const running = shared;
  shared = null;
  if (running) await (await running.catch(() => null))?.fleet.stop();
}

async function start(): Promise<SyncedFleet> {
  const fleet = await startFleet({ ports: [BENCH_PORT + 20], tasks: SYNCED_TASKS });
  const instance = fleet.instances[0] as DashboardInstance;
  try {
    const [cookie = ''] = await fleet.signIn(1);
    const deadline = Date.now() + 10 * 60_000;
    let status = await syncStatusOf(instance.url, cookie);
    while (!status.backfill.done) {
      if (Date.now() > deadline) throw new Error('the backfill did not finish within 10 minutes');
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = await syncStatusOf(instance.url, cookie);
    }
    const doneAt = Date.now();
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
      fleet,
      instance,
      cookie,
      backfill: {
        ms: doneAt - firstAt,
        calls: calls.length,
        pages: calls.filter((call) => call.pageSize === 100).length,
        byPurpose,
        storedRows: status.backfill.storedRows,
        throttled: calls.filter((call) => call.code !== null && /throttl/i.test(call.code)).length,
      },
    };
  } catch (error) {
    await fleet.stop();
    throw error;
  }
}
