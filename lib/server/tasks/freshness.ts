import 'server-only';
import type { Kysely } from 'kysely';
import { isoSeconds, type ResolvedWindow } from '@/lib/time-range';
import type { Database } from '../store/schema';
import { unchangedRead, type WriteClock } from '../store/unchanged-reads';
import { readSyncState, type SyncState } from '../sync/sync-state';

/**
 * How far an answer from the store can be trusted: when the store last matched the upstream, and
 * whether the backfill has reached the start of the asked window yet.
 */
export interface Freshness {
  /** When the store last matched the upstream (ISO); the request time before the first head poll. */
  fetchedAt: string;
  /** True while the backfill has not yet reached the window's start: rows may be missing. */
  partial: boolean;
  /** The oldest time from which the store holds every task (ISO); null before the sync began. */
  syncedFrom: string | null;
}

export async function freshnessFor(
  db: Kysely<Database>,
  accountId: string,
  window: ResolvedWindow,
  nowMs: number,
  /** The store's write clock: the state is read again only once something was written. */
  writeClock: WriteClock | null,
): Promise<Freshness & { state: SyncState | null }> {
  const state = await unchangedRead(writeClock, `sync-state:${accountId}`, () =>
    readSyncState(db, accountId),
  );
  if (!state) return { fetchedAt: isoSeconds(nowMs), partial: true, syncedFrom: null, state };
  return {
    fetchedAt: isoSeconds(state.syncedAt ?? nowMs),
    partial: state.syncedAt === null || (!state.backfillDone && window.startMs < state.backfillCursor),
    syncedFrom: isoSeconds(state.backfillCursor),
    state,
  };
}
