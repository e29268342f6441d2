/**
 * Backfill (docs/sync.md, "The sync"): the retention window, newest slice first, one page per step,
 * so the first screen fills within seconds and history arrives behind it. A slice's cursor is saved
 * once its last page is in, so a restart reads at most one slice again.
 *
 * Within a slice the call for the next page is made while a page is written (on the main pacer, so
 * at the same rate): a page then costs the longer of the pace and the call or the write, not the pace
 * and then the write. It is safe because the cursor moves only once the whole slice is in; a write
 * that fails leaves the page to be read again, and the call made ahead of it unused.
 */
import 'server-only';
import { oldestReadable, PAGE_SIZE, upstreamTime } from '../upstream-window';
import { FIRST_SLICE_MS, nextSliceMs, sliceBelow } from './backfill-slices';
import { describePaced, writeTasks } from './read-and-store';
import type { SyncContext } from './sync-context';

type Page = Awaited<ReturnType<typeof describePaced>>;

interface Slice {
  lo: number;
  hi: number;
  /** The next page to read. */
  page: number;
  total: number | null;
  /** The call for a page made while the page before it was written. */
  ahead: { page: number; answer: Promise<Page> } | null;
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
      this.slice = {
        ...sliceBelow(state.backfillCursor, edge, this.sliceMs),
        page: 1,
        total: null,
        ahead: null,
      };
    }
    const slice = this.slice;
    const { ahead } = slice;
    slice.ahead = null;
    const answer = await (ahead?.page === slice.page ? ahead.answer : readPage(ctx, slice, slice.page));
    const last = slice.page * PAGE_SIZE >= answer.totalCount;
    if (!last) {
      const next = { page: slice.page + 1, answer: readPage(ctx, slice, slice.page + 1) };
      // Awaited by the next step; a failure then is that step's (and unseen if the slice is dropped).
      next.answer.catch(() => undefined);
      slice.ahead = next;
    }
    await writeTasks(ctx, answer, 'backfill');
    slice.total = answer.totalCount;
    slice.page += 1;
    if (last) {
      this.slice = null;
      this.sliceMs = nextSliceMs(slice.total ?? 0, slice.hi - slice.lo);
      await ctx.state.save({ backfillCursor: slice.lo, backfillDone: slice.lo <= edge });
    }
  }
}

/** One page of a slice, newest first. */
function readPage(ctx: SyncContext, slice: Slice, page: number): Promise<Page> {
  // Rows leave the upstream at the bottom of a newest-first list, so a later StartTime for the
  // slice's next page only drops rows that are expiring anyway; earlier pages stay where they were.
  return describePaced(ctx, 'backfill', {
    startTime: upstreamTime(Math.max(slice.lo, oldestReadable(ctx.now()))),
    endTime: upstreamTime(slice.hi),
    pageNumber: page,
    pageSize: PAGE_SIZE,
  });
}
