/**
 * Backfill (docs/sync.md, "The sync"): the retention window, newest slice first, one page per step,
 * so the first screen fills within seconds and history arrives behind it. A slice's cursor is saved
 * once its last page is in, so a restart reads at most one slice again.
 */
import 'server-only';
import { oldestReadable, PAGE_SIZE, upstreamTime } from '../upstream-window';
import { FIRST_SLICE_MS, nextSliceMs, sliceBelow } from './backfill-slices';
import { describePaced, writeTasks } from './read-and-store';
import type { SyncContext } from './sync-context';

interface Slice {
  lo: number;
  hi: number;
  /** The next page to read. */
  page: number;
  total: number | null;
}

export class Backfill {
  private slice: Slice | null = null;
  private sliceMs = FIRST_SLICE_MS;

  isDue(ctx: SyncContext): boolean {
    return !ctx.state.current.backfillDone;
  }

  /** A new term of leadership resumes from the saved cursor: another instance may have moved it. */
  resume(): void {
    this.slice = null;
  }

  async run(ctx: SyncContext, now: number): Promise<void> {
    const state = ctx.state.current;
    const edge = oldestReadable(now);
    if (state.backfillEstimate === null) {
      // One smallest call for the status panel's estimate of how much there is to read.
      const whole = await describePaced(ctx, 'backfill', {
        startTime: upstreamTime(edge),
        endTime: upstreamTime(state.backfillFrom),
        pageNumber: 1,
        pageSize: 1,
      });
      await ctx.state.save({ backfillEstimate: whole.totalCount });
      return;
    }
    if (!this.slice) {
      if (state.backfillCursor <= edge) {
        await ctx.state.save({ backfillDone: true });
        ctx.log.info({ account: ctx.accountId }, 'backfill complete');
        return;
      }
      this.slice = { ...sliceBelow(state.backfillCursor, edge, this.sliceMs), page: 1, total: null };
    }
    const slice = this.slice;
    // Rows leave the upstream at the bottom of a newest-first list, so a later StartTime for the
    // slice's next page only drops rows that are expiring anyway; earlier pages stay where they were.
    const answer = await describePaced(ctx, 'backfill', {
      startTime: upstreamTime(Math.max(slice.lo, oldestReadable(ctx.now()))),
      endTime: upstreamTime(slice.hi),
      pageNumber: slice.page,
      pageSize: PAGE_SIZE,
    });
    await writeTasks(ctx, answer.tasks, 'backfill');
    slice.total = answer.totalCount;
    slice.page += 1;
    if ((slice.page - 1) * PAGE_SIZE >= (slice.total ?? 0)) {
      this.slice = null;
      this.sliceMs = nextSliceMs(slice.total ?? 0, slice.hi - slice.lo);
      await ctx.state.save({ backfillCursor: slice.lo, backfillDone: slice.lo <= edge });
    }
  }
}
