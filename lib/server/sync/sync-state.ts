import 'server-only';
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database, SyncStateTable } from '../store/schema';

/**
 * Where one account's sync stands, kept in the store so that a restart resumes (no second backfill)
 * and every instance, syncing or not, can say how fresh its answers are.
 */
interface SyncStats {
  /** DescribeRefreshTasks and DescribeRefreshTaskById calls per second over the last minute. */
  callsPerSecond: Record<string, number>;
  inFlightRows: number;
  /** How long past its due time the most overdue in-flight row waits for the follow (ms; 0: none). */
  followBehindMs: number;
  /** When the sync last stored a new row or a changed one (ms): pages refresh when it moves. */
  lastChangeAt: number | null;
}

export interface SyncState {
  accountId: string;
  backfillFrom: number;
  backfillCursor: number;
  backfillDone: boolean;
  backfillEstimate: number | null;
  headMark: number | null;
  syncedAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  stats: SyncStats;
  leader: string | null;
  heartbeatAt: number | null;
  reconcileSlice: number;
}

const ms = (value: Date | string | null): number | null =>
  value === null ? null : new Date(value).getTime();

function fromRow(row: Selectable<SyncStateTable>): SyncState {
  const stats = (
    typeof row.stats === 'string' ? JSON.parse(row.stats) : row.stats
  ) as Partial<SyncStats> | null;
  return {
    accountId: row.account_id,
    backfillFrom: ms(row.backfill_from) ?? 0,
    backfillCursor: ms(row.backfill_cursor) ?? 0,
    backfillDone: row.backfill_done,
    backfillEstimate: row.backfill_estimate,
    headMark: ms(row.head_mark),
    syncedAt: ms(row.synced_at),
    lastError: row.last_error,
    lastErrorAt: ms(row.last_error_at),
    stats: {
      callsPerSecond: stats?.callsPerSecond ?? {},
      inFlightRows: stats?.inFlightRows ?? 0,
      followBehindMs: stats?.followBehindMs ?? 0,
      lastChangeAt: stats?.lastChangeAt ?? null,
    },
    leader: row.leader,
    heartbeatAt: ms(row.heartbeat_at),
    reconcileSlice: row.reconcile_slice,
  };
}

export async function readSyncState(db: Kysely<Database>, accountId: string): Promise<SyncState | null> {
  const row = await db
    .selectFrom('sync_state')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row ? fromRow(row) : null;
}

/** The account's state, created on its first sync: the backfill starts from `nowMs` backwards. */
export async function ensureSyncState(
  db: Kysely<Database>,
  accountId: string,
  nowMs: number,
): Promise<SyncState> {
  await db
    .insertInto('sync_state')
    .values({
      account_id: accountId,
      backfill_from: new Date(nowMs),
      backfill_cursor: new Date(nowMs),
      stats: '{}',
    })
    .onConflict((conflict) => conflict.column('account_id').doNothing())
    .execute();
  const state = await readSyncState(db, accountId);
  if (!state) throw new Error(`sync state for ${accountId} could not be created`);
  return state;
}

export type SyncStatePatch = Partial<Omit<SyncState, 'accountId' | 'backfillFrom'>>;

export async function updateSyncState(
  db: Kysely<Database>,
  accountId: string,
  patch: SyncStatePatch,
): Promise<void> {
  const date = (value: number | null | undefined) =>
    value === undefined ? undefined : value === null ? null : new Date(value);
  const set: Updateable<SyncStateTable> = {
    backfill_cursor: date(patch.backfillCursor) ?? undefined,
    backfill_done: patch.backfillDone,
    backfill_estimate: patch.backfillEstimate,
    head_mark: date(patch.headMark),
    synced_at: date(patch.syncedAt),
    last_error: patch.lastError,
    last_error_at: date(patch.lastErrorAt),
    stats: patch.stats === undefined ? undefined : JSON.stringify(patch.stats),
    leader: patch.leader,
    heartbeat_at: date(patch.heartbeatAt),
    reconcile_slice: patch.reconcileSlice,
  };
  const defined = Object.fromEntries(Object.entries(set).filter(([, value]) => value !== undefined));
  if (Object.keys(defined).length === 0) return;
  await db.updateTable('sync_state').set(defined).where('account_id', '=', accountId).execute();
}
