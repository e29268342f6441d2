/**
 * Head poll (docs/sync.md, "The sync"): every page of everything created since the last poll's mark,
 * reaching back the overlap for rows that appear late, up to now. Its end becomes the mark and
 * `syncedAt`: when the store last matched the upstream.
 */
import 'server-only';
import { UpstreamError } from '../../upstream/upstream-error';
import { oldestReadable } from '../upstream-window';
import { readWindow } from './read-and-store';
import type { SyncContext } from './sync-context';

/** How far past our own clock a head poll asks: room for an upstream clock that runs ahead. */
export const HEAD_AHEAD_MS = 15 * 60_000;

export class HeadPoll {
  /** Set once the upstream refused an EndTime past its own now: from then on polls end at ours. */
  private aheadRefused = false;
  private requested = false;

  /** A reader asked for the head: the next step polls it, however recent the last poll. */
  request(): void {
    this.requested = true;
  }

  isDue(ctx: SyncContext, now: number): boolean {
    return this.requested || now - ctx.reads.headAt >= ctx.settings.headIntervalMs;
  }

  async run(ctx: SyncContext, now: number): Promise<void> {
    this.requested = false;
    const state = ctx.state.current;
    const end = Math.floor(now / 1000) * 1000;
    // The upstream's clock may run ahead of ours: ask up to a while past our now, so rows it already
    // has are not left for later; the mark stays at our now, and the next poll's overlap reads on.
    const askUntil = this.aheadRefused ? end : end + HEAD_AHEAD_MS;
    const since = Math.max(
      (state.headMark ?? state.backfillFrom) - ctx.settings.headOverlapMs,
      oldestReadable(now),
    );
    ctx.reads.headAt = now;
    try {
      await readWindow(ctx, 'head', since, askUntil);
    } catch (error) {
      if (!(error instanceof UpstreamError && error.code.startsWith('InvalidEndTime')) || this.aheadRefused)
        throw error;
      this.aheadRefused = true;
      await readWindow(ctx, 'head', since, end);
    }
    await ctx.state.save({ headMark: end, syncedAt: end, lastError: null });
  }
}
