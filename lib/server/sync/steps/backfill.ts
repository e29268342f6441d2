/**
 * Backfill (docs/sync.md, "The sync"): the retention window, newest slice first, one page written per
 * step, so the first screen fills within seconds and history arrives behind it. A slice's cursor is
 * saved once its last page is in, so a restart reads at most one slice again.
 *
 * The calls run ahead of the writes: as soon as the pacer's turn for one page has come, the next
 * page's call takes the next turn, up to READ_AHEAD pages not yet written, across slice ends (the
 * slice below is known once the current one's total is). So the calls keep the pacer's rate whatever
 * the store, a head poll between two steps, or a slice's end cost, as long as the writes keep up on
 * average; the head poll still gets the turn after the one the backfill holds. It is safe because
 * the cursor moves only once a whole slice is written; a failed call or write drops every read
 * ahead (their answers unused) and the step reads its page again.
 */
import 'server-only';
import { oldestReadable, PAGE_SIZE, upstreamTime } from '../upstream-window';
import { FIRST_SLICE_MS, nextSliceMs, sliceBelow } from './backfill-slices';
import { describePaced, writeTasks } from './read-and-store';
import type { SyncContext } from './sync-context';

type Page = Awaited<ReturnType<typeof describePaced>>;

/**
 * Pages asked for and not yet written. A few absorb a slow write or a head poll between two steps;
 * more would only waste calls when a read fails and everything ahead is dropped.
 */
export const READ_AHEAD = 3;

interface Slice {
  lo: number;
  hi: number;
  /** The latest total an answer for this slice gave (null until one came). */
  total: number | null;
  /** The slice below this one, made once, so the reads ahead and the writes agree on it. */
  below: Slice | null;
}

/** A page of a slice: the next to write, or one asked for. */
interface Target {
  slice: Slice;
  page: number;
}

interface Read extends Target {
  /** The pacer's turn for it has come: the next read may take the following one. */
  sent: boolean;
  answer: Promise<Page>;
}

function newSlice(bounds: { lo: number; hi: number }): Slice {
  return { ...bounds, total: null, below: null };
}

export class Backfill {
  /** The next page to write; null before the first step and after a new term of leadership. */
  private at: Target | null = null;
  /** The reads asked for ahead, in order, the first of them for `at` (while no page is being written). */
  private reads: Read[] = [];
  /** Counts resets, so a dropped read's late news does not start reads of its own. */
  private generation = 0;
  private sliceMs = FIRST_SLICE_MS;

  isDue(ctx: SyncContext): boolean {
    return !ctx.state.current.backfillDone;
  }

  /** A new term of leadership resumes from the saved cursor: another instance may have moved it. */
  resume(): void {
    this.at = null;
    this.dropReads();
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
    if (!this.at) {
      if (state.backfillCursor <= edge) {
        await this.finish(ctx);
        return;
      }
      this.dropReads();
      this.at = { slice: newSlice(sliceBelow(state.backfillCursor, edge, this.sliceMs)), page: 1 };
    }
    const at = this.at;
    const first = this.reads[0];
    if (!first || first.slice !== at.slice || first.page !== at.page) {
      // Nothing asked for this page yet, or what was asked assumed a total that has since changed.
      this.dropReads();
      this.ask(ctx, at);
    }
    const read = this.reads[0] as Read;
    try {
      const answer = await read.answer;
      this.reads.shift();
      // This answer's own total decides whether the slice has more pages (the latest word on it);
      // reads ahead that assumed another total are dropped, and the reading goes on from `next`
      // while this page is written.
      const next = this.after(at.slice, at.page, answer.totalCount, edge);
      const ahead = this.reads[0];
      if (ahead && (ahead.slice !== next?.slice || ahead.page !== next.page)) this.dropReads();
      this.at = next;
      this.askAhead(ctx);
      await writeTasks(ctx, answer, 'backfill');
      if (next?.slice !== at.slice) {
        this.sliceMs = nextSliceMs(answer.totalCount, at.slice.hi - at.slice.lo);
        await ctx.state.save({ backfillCursor: at.slice.lo, backfillDone: next === null });
        if (next === null) ctx.log.info({ account: ctx.accountId }, 'backfill complete');
      }
    } catch (error) {
      // The page is read again by the next step; what was asked beyond it is not used.
      this.at = at;
      this.dropReads();
      throw error;
    }
  }

  private async finish(ctx: SyncContext): Promise<void> {
    this.dropReads();
    await ctx.state.save({ backfillDone: true });
    ctx.log.info({ account: ctx.accountId }, 'backfill complete');
  }

  /** What follows `page` of `slice` when it holds `total` rows: its next page, the slice below's first, or nothing. */
  private after(slice: Slice, page: number, total: number, edge: number): Target | null {
    if (page * PAGE_SIZE < total) return { slice, page: page + 1 };
    if (slice.lo <= edge) return null;
    slice.below ??= newSlice(sliceBelow(slice.lo, edge, nextSliceMs(total, slice.hi - slice.lo)));
    return { slice: slice.below, page: 1 };
  }

  private dropReads(): void {
    this.generation += 1;
    this.reads = [];
  }

  /**
   * Asks for the page after the last one asked for, while fewer than READ_AHEAD wait to be written,
   * the last one's turn has come (so the backfill never holds more than one of the pacer's turns
   * ahead) and its slice's total is known.
   */
  private askAhead(ctx: SyncContext): void {
    if (ctx.stopped() || this.reads.length >= READ_AHEAD) return;
    const last = this.reads.at(-1);
    if (!last) {
      if (this.at) this.ask(ctx, this.at);
      return;
    }
    if (!last.sent || last.slice.total === null) return;
    const next = this.after(last.slice, last.page, last.slice.total, oldestReadable(ctx.now()));
    if (next) this.ask(ctx, next);
  }

  private ask(ctx: SyncContext, target: Target): void {
    const generation = this.generation;
    const { slice, page } = target;
    const read: Read = {
      slice,
      page,
      sent: false,
      // Rows leave the upstream at the bottom of a newest-first list, so a later StartTime for a
      // slice's later page only drops rows that are expiring anyway; earlier pages stay where they were.
      answer: describePaced(
        ctx,
        'backfill',
        {
          startTime: upstreamTime(Math.max(slice.lo, oldestReadable(ctx.now()))),
          endTime: upstreamTime(slice.hi),
          pageNumber: page,
          pageSize: PAGE_SIZE,
        },
        () => {
          read.sent = true;
          if (generation === this.generation) this.askAhead(ctx);
        },
      ),
    };
    this.reads.push(read);
    read.answer.then(
      (answer) => {
        if (generation !== this.generation) return;
        slice.total = answer.totalCount;
        this.askAhead(ctx);
      },
      // Awaited by the step that writes it; unseen if it was dropped.
      () => undefined,
    );
  }
}
