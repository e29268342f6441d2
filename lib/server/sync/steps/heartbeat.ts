/**
 * Heartbeat: tells readers what changed at once (the change time is their cache's generation and the
 * pages' cue to refetch), and every HEARTBEAT_MS the counts and rates behind the status panel, the
 * metrics and `GET /api/sync`. The counts walk the account's rows, so they are not taken per page.
 */
import 'server-only';
import { readAccountCounts } from '../../store/task-count';
import type { SyncContext } from './sync-context';

export const HEARTBEAT_MS = 5_000;

export class Heartbeat {
  private countedAt = 0;

  /** `followBehindMs`: the follow's last word on how far behind it is (follow.ts). */
  async run(ctx: SyncContext, followBehindMs: number): Promise<void> {
    const now = ctx.now();
    const countsDue = now - this.countedAt >= HEARTBEAT_MS;
    const changed = ctx.changes.takeUnsaved();
    if (!countsDue && !changed) return;
    const state = ctx.state.current;
    let inFlightRows = state.stats.inFlightRows;
    if (countsDue) {
      this.countedAt = now;
      const counts = await readAccountCounts(ctx.store.db, ctx.accountId);
      inFlightRows = counts.inFlight;
      const labels = { account: ctx.accountId };
      ctx.metrics().storeRows.set(labels, counts.stored);
      ctx.metrics().syncInFlight.set(labels, inFlightRows);
      if (state.syncedAt !== null)
        ctx.metrics().syncLag.set(labels, Math.max(0, (now - state.syncedAt) / 1000));
    }
    await ctx.state.save({
      leader: ctx.instanceId,
      heartbeatAt: now,
      stats: {
        callsPerSecond: ctx.calls.perSecond(),
        inFlightRows,
        followBehindMs,
        lastChangeAt: ctx.changes.lastChangeAt ?? state.stats.lastChangeAt,
      },
    });
  }
}
