/**
 * One dashboard whose store has synced the emulator's 30,000 tasks, with default sync settings,
 * shared by the benchmarks that need a full store (backfill, load, freshness, ui, faults): started on
 * first use, its backfill watched from the first upstream call to /api/sync saying done, and stopped
 * when `npm run bench` ends (stopSyncedFleet).
 */

import { type BackfillRecord, watchBackfill } from './backfill-watch';
import { BENCH_PORT, type DashboardFleet, type DashboardInstance, startFleet } from './dashboard-instances';

export const SYNCED_TASKS = 30_000;

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
    return { fleet, instance, cookie, backfill: await watchBackfill(fleet, instance, cookie) };
  } catch (error) {
    await fleet.stop();
    throw error;
  }
}
