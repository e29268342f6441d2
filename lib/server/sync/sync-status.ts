import 'server-only';
import { sql } from 'kysely';
import type { SyncStatusResponse } from '@/lib/api-types';
import { isoSeconds } from '@/lib/time-range';
import { store } from '../store/database';
import { historyStart } from '../store/history';
import { readSyncState } from './sync-state';

/** A syncing instance writes its heartbeat every few seconds; older than this, nobody syncs. */
const HEARTBEAT_STALE_MS = 30_000;

/** What the page's sync line, progress bar and operators' status panel show. */
export async function syncStatus(
  accountId: string,
  options: { detail: boolean; nowMs?: number },
): Promise<SyncStatusResponse> {
  const nowMs = options.nowMs ?? Date.now();
  const { db, settings } = await store();
  const state = await readSyncState(db, accountId);
  const counts = await db
    .selectFrom('tasks')
    .select([
      sql<number>`count(*)`.as('stored'),
      sql<number>`count(*) FILTER (WHERE created_at > ${state ? new Date(state.backfillFrom) : new Date(nowMs)})`.as(
        'newer',
      ),
    ])
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
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
      storedRows: Number(counts.stored),
      estimatedRows: state?.backfillEstimate == null ? null : state.backfillEstimate + Number(counts.newer),
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
