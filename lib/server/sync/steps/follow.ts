/**
 * Follow (docs/sync.md, "Reaching every in-flight row"): in-flight rows re-read by id, ten ids a call,
 * on a pacer of their own, the most overdue first (follow-due.ts). When more ids are due than the
 * follow rate covers in one round, how long the most overdue one left out waits is published as
 * `followBehindMs` and `cdnmon_sync_follow_behind_seconds`.
 */
import 'server-only';
import { inFlightTasksSince } from '../../store/sync-reads';
import { MAX_IDS_PER_BY_ID_CALL } from '../../upstream/cdn';
import { oldestReadable } from '../upstream-window';
import { followCallsPerRound, planFollowRound } from './follow-due';
import { countCall, readById, writeTasks } from './read-and-store';
import type { SyncContext } from './sync-context';

export class Follow {
  /** How long the most overdue in-flight row left out of the last round has waited (ms). */
  behindMs = 0;

  /** One round: re-reads the due ids; stopping ends it between two calls. */
  async run(ctx: SyncContext): Promise<void> {
    const now = ctx.now();
    const inFlight = await inFlightTasksSince(ctx.store.db, ctx.accountId, oldestReadable(now));
    // Ids that ended (or left retention) are forgotten, so the map holds only what is in flight.
    const stillInFlight = new Set(inFlight.map((task) => task.taskId));
    for (const id of ctx.reads.byTaskId.keys()) if (!stillInFlight.has(id)) ctx.reads.byTaskId.delete(id);
    const round = planFollowRound({
      inFlight,
      lastReadAt: ctx.reads.byTaskId,
      now,
      settings: ctx.settings,
      callsPerRound: followCallsPerRound(ctx.pacers.follow.effectiveRate, ctx.settings.followIntervalMs),
    });
    this.behindMs = round.behindMs;
    ctx.metrics().syncFollowBehind.set({ account: ctx.accountId }, this.behindMs / 1000);
    if (round.taken.length < round.due)
      ctx.log.debug(
        { account: ctx.accountId, due: round.due, taken: round.taken.length, behindMs: this.behindMs },
        'more in-flight rows due than the follow rate covers in one round',
      );
    for (let i = 0; i < round.taken.length && !ctx.stopped(); i += MAX_IDS_PER_BY_ID_CALL) {
      const chunk = round.taken.slice(i, i + MAX_IDS_PER_BY_ID_CALL);
      await ctx.pacers.follow.turn();
      countCall(ctx, 'follow');
      await writeTasks(ctx, await readById(ctx, chunk), 'follow');
      for (const id of chunk) ctx.reads.byTaskId.set(id, now);
    }
  }
}
