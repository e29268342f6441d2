/**
 * Reconcile (docs/sync.md, "The sync" and "Reaching every in-flight row"): one time slice a step, the
 * upstream's count against the store's, then (when the store holds in-flight rows in it) its count of
 * in-flight rows per object type, which finds a status that drifted (a row the store holds as
 * Refreshing that ended upstream). A different count re-reads the slice; a drift re-reads the rows
 * that can have drifted, and is warned of and counted unless the follow's lag explains it. The
 * slice's count cells are checked against its rows too.
 */
import 'server-only';
import { IN_FLIGHT_STATUSES } from '@/lib/task';
import { checkCells } from '../../store/cell-check';
import {
  countByObjectType,
  countStoredTasks,
  inFlightRowsOfType,
  inFlightTaskIdsOfTypes,
} from '../../store/sync-reads';
import { MAX_IDS_PER_BY_ID_CALL } from '../../upstream/cdn';
import { UpstreamError } from '../../upstream/upstream-error';
import { oldestReadable, upstreamTime } from '../upstream-window';
import { awaitingFollow } from './follow-due';
import { countCall, describePaced, readById, readWindow, writeTasks } from './read-and-store';
import { reconcileSliceAt } from './reconcile-slices';
import { type SyncContext, SyncStopped } from './sync-context';

interface Drift {
  objectType: string;
  stored: number;
  upstream: number;
}

export class Reconcile {
  /** When the last slice was compared (ms, the data clock). */
  lastAt = 0;
  /** Status and object type filters the upstream refused (not every page lists `Pending`, `block`). */
  private readonly refusedStatuses = new Set<string>();
  private readonly refusedTypes = new Set<string>();

  isDue(ctx: SyncContext, now: number): boolean {
    return now - this.lastAt >= ctx.settings.reconcileIntervalMs;
  }

  async run(ctx: SyncContext, now: number): Promise<void> {
    this.lastAt = now;
    const state = ctx.state.current;
    const top = (state.headMark ?? now) - ctx.settings.headOverlapMs;
    const { index, next, lo, hi } = reconcileSliceAt(state.reconcileSlice, top, oldestReadable(now));
    await ctx.state.save({ reconcileSlice: next });
    if (hi <= lo) return;
    // The account-wide sums once per round of slices: they read all of the account's cells.
    await checkCells(ctx.store.db, ctx.accountId, lo, hi, { accountWide: index === 0 });
    const upstream = await describePaced(ctx, 'reconcile', {
      startTime: upstreamTime(lo),
      endTime: upstreamTime(hi),
      pageNumber: 1,
      pageSize: 1,
    });
    const stored = await countStoredTasks(ctx.store.db, ctx.accountId, lo, hi);
    const range = { account: ctx.accountId, from: upstreamTime(lo), to: upstreamTime(hi) };
    if (stored !== upstream.totalCount) {
      ctx.log.warn(
        { ...range, stored, upstream: upstream.totalCount },
        'store and upstream disagree on a slice; reading it again',
      );
      await readWindow(ctx, 'reconcile', lo, hi);
      return;
    }
    const drift = await this.inFlightDrift(ctx, lo, hi);
    if (drift.length === 0) return;
    const unexplained: Drift[] = [];
    for (const d of drift) if (!(await followLagExplains(ctx, lo, hi, d))) unexplained.push(d);
    if (unexplained.length === 0)
      ctx.log.debug(
        { ...range, drift },
        'rows the follow has yet to re-read ended upstream; reading them now',
      );
    else {
      ctx.metrics().syncStatusDrift.inc({ account: ctx.accountId }, unexplained.length);
      ctx.log.warn(
        { ...range, drift },
        'statuses in the store drifted from the upstream; reading them again',
      );
    }
    // More in flight here than upstream: rows that ended upstream, which their ids re-read (a few
    // calls, where the slice could be a hundred pages). Fewer: rows ended here but not upstream, which
    // no id list names, so the slice is read again.
    if (drift.some((d) => d.stored < d.upstream)) await readWindow(ctx, 'reconcile', lo, hi);
    else
      await rereadInFlight(
        ctx,
        lo,
        hi,
        drift.map((d) => d.objectType),
      );
  }

  /**
   * The object types whose in-flight count in [lo, hi] differs between the store and the upstream.
   * `Status` needs `ObjectType` upstream, so it is asked per type, and only for the types the store
   * holds in-flight rows of: a slice whose rows have all ended in the store (most of them) costs no
   * call, since an ending is final upstream too. Statuses the upstream refuses as a filter are left
   * out on both sides.
   */
  private async inFlightDrift(ctx: SyncContext, lo: number, hi: number): Promise<Drift[]> {
    const statuses = IN_FLIGHT_STATUSES.filter((status) => !this.refusedStatuses.has(status));
    if (statuses.length === 0) return [];
    const storedByType = await countByObjectType(ctx.store.db, ctx.accountId, statuses, lo, hi);
    const drift: Drift[] = [];
    for (const { objectType, rows: stored } of storedByType) {
      if (this.refusedTypes.has(objectType)) continue;
      let upstream = 0;
      for (const status of statuses) {
        try {
          const answer = await describePaced(ctx, 'reconcile', {
            startTime: upstreamTime(Math.max(lo, oldestReadable(ctx.now()))),
            endTime: upstreamTime(hi),
            objectType,
            status,
            pageNumber: 1,
            pageSize: 1,
          });
          upstream += answer.totalCount;
        } catch (error) {
          const code = error instanceof UpstreamError ? error.code : '';
          if (!code.startsWith('InvalidStatus') && !code.startsWith('InvalidObjectType')) throw error;
          // This upstream does not filter by this value: the check leaves it out from now on.
          if (code.startsWith('InvalidStatus')) this.refusedStatuses.add(status);
          else this.refusedTypes.add(objectType);
          ctx.log.info(
            { account: ctx.accountId, status, objectType, code },
            'the upstream does not filter by this value; the drift check leaves it out',
          );
          return drift;
        }
      }
      if (stored !== upstream) drift.push({ objectType, stored, upstream });
    }
    return drift;
  }
}

/**
 * Whether the store holding more rows of a type in flight than the upstream is only the follow's
 * lag: no more than the rows it has not had its turn at since they could have ended (follow-due.ts,
 * awaitingFollow). Right after the first backfill every row it read in flight is due at once, and
 * those ending upstream before their turn would otherwise read as drift. Fewer in flight in the store
 * than upstream is never lag: an ending is final.
 */
async function followLagExplains(ctx: SyncContext, lo: number, hi: number, drift: Drift): Promise<boolean> {
  if (drift.stored < drift.upstream) return false;
  const rows = await inFlightRowsOfType(ctx.store.db, ctx.accountId, drift.objectType, lo, hi);
  const awaiting = awaitingFollow({
    rows: rows.map((row) => ({ taskId: row.taskId, createdAt: row.createdAt, seenAt: row.changedAt })),
    lastReadAt: ctx.reads.byTaskId,
    now: ctx.now(),
    settings: ctx.settings,
    followBehindMs: ctx.state.current.stats.followBehindMs,
  });
  return drift.stored - drift.upstream <= awaiting;
}

/** Re-reads by id, on the follow's pacer, the rows of [lo, hi] of these types the store holds as in flight. */
async function rereadInFlight(
  ctx: SyncContext,
  lo: number,
  hi: number,
  objectTypes: string[],
): Promise<void> {
  const ids = await inFlightTaskIdsOfTypes(ctx.store.db, ctx.accountId, objectTypes, lo, hi);
  for (let i = 0; i < ids.length; i += MAX_IDS_PER_BY_ID_CALL) {
    if (ctx.stopped()) throw new SyncStopped();
    const chunk = ids.slice(i, i + MAX_IDS_PER_BY_ID_CALL);
    await ctx.pacers.follow.turn();
    countCall(ctx, 'reconcile');
    const read = await readById(ctx, chunk);
    await writeTasks(ctx, read, 'reconcile');
    for (const id of chunk) ctx.reads.byTaskId.set(id, read.sentAt);
  }
}
