import 'server-only';
import type { SyncStatusResponse } from '@/lib/api-types';
import { isoSeconds } from '@/lib/time-range';
import { store } from '../store/database';
import { historyStart } from '../store/history';
import { countTasks, readAccountCounts } from '../store/task-count';
import { readSyncState } from './sync-state';

/** A syncing instance writes its heartbeat every few seconds; older than this, nobody syncs. */
const HEARTBEAT_STALE_MS = 30_000;
/** The end of "every row created after the backfill began". */
const FAR_FUTURE_MS = Date.parse('9999-12-31T23:59:59Z');
const NO_FILTER = { status: [], type: [], domain: [], reason: [], path: null, q: null, task: null, rg: null };

/** What the page's sync line, progress bar and operators' status panel show. */
export async function syncStatus(
  accountId: string,
  options: { detail: boolean; nowMs?: number },
): Promise<SyncStatusResponse> {
  const nowMs = options.nowMs ?? Date.now();
  const { db, settings } = await store();
  const state = await readSyncState(db, accountId);
  // Kept counts (docs/sync.md, "Count cells"): no read of every row on each poll of this.
  const [counts, newer] = await Promise.all([
    readAccountCounts(db, accountId),
    countTasks(db, accountId, NO_FILTER, {
      startMs: state ? state.backfillFrom : nowMs,
      startExclusive: true,
      endMs: FAR_FUTURE_MS,
    }),
  ]);
  const configuredStart = historyStart(nowMs);
  const syncedFrom = state?.backfillCursor ?? null;
  const iso = (ms: number | null) => (ms === null ? null : isoSeconds(ms));
  return {
    syncedAt: iso(state?.syncedAt ?? null),
    historyStartsAt: isoSeconds(
      state?.backfillDone && syncedFrom !== null ? Math.max(configuredStart, syncedFrom) : configuredStart,
    ),
    historyDays: settings.historyDays,
    backfill: {
      done: state?.backfillDone ?? false,
      syncedFrom: iso(syncedFrom),
      storedRows: counts.stored,
      estimatedRows: state?.backfillEstimate == null ? null : state.backfillEstimate + newer,
    },
    changedAt: iso(state?.stats.lastChangeAt ?? null),
    syncing: state?.heartbeatAt != null && nowMs - state.heartbeatAt < HEARTBEAT_STALE_MS,
    ...(options.detail && state
      ? {
          detail: {
            callsPerSecond: state.stats.callsPerSecond,
            inFlightRows: state.stats.inFlightRows,
            followBehindSeconds: Math.round(state.stats.followBehindMs / 1000),
            lastError: state.lastError,
            lastErrorAt: iso(state.lastErrorAt),
            heartbeatAt: iso(state.heartbeatAt),
          },
        }
      : {}),
  };
}
