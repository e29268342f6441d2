/**
 * Backfill: how long a fresh instance takes to bring 30,000 upstream tasks into its empty store,
 * against the floor the upstream sets (full pages ÷ its 5 DescribeRefreshTasks calls/s). Timed from
 * the sync's first call to /api/sync saying the backfill is done; pages counted in the emulator's
 * log. Default sync settings. Prints; asserts nothing.
 */
import { heading, printTable } from './support/report';
import { SYNCED_TASKS, syncedFleet } from './support/synced-fleet';

const UPSTREAM_RATE = 5;

export async function benchBackfill(): Promise<void> {
  const { backfill } = await syncedFleet();
  const floorS = backfill.pages / UPSTREAM_RATE;
  const tookS = backfill.ms / 1000;
  heading(
    `Backfill of ${SYNCED_TASKS.toLocaleString('en')} tasks by a fresh instance (default sync settings)`,
  );
  printTable(
    ['took', 'pages of 100', 'all calls', 'floor (pages ÷ 5/s)', 'took ÷ floor', 'stored rows', 'throttled'],
    [
      [
        `${tookS.toFixed(1)} s`,
        backfill.pages,
        backfill.calls,
        `${floorS.toFixed(1)} s`,
        (tookS / floorS).toFixed(2),
        backfill.storedRows,
        backfill.throttled,
      ],
    ],
  );
  const purposes = Object.entries(backfill.byPurpose)
    .map(([purpose, calls]) => `${purpose} ${calls}`)
    .join(', ');
  console.log(`calls by purpose (the instance's cdnmon_sync_calls_total): ${purposes}`);
}
