/**
 * Where a view's pages start, remembered: the sort key of rows at known offsets of one view (its
 * filters, over one generation of the store). A page near a remembered offset seeks to the anchor
 * and counts off only the rows in between, so paging on from page k, or jumping a few pages, costs
 * what page 1 costs (docs/sync.md, "Deep pages").
 */
import 'server-only';
import type { RowPosition } from './list-order';

export interface Anchor {
  offset: number;
  at: RowPosition;
}

/** Enough for a long paging session; the oldest remembered go first. */
const MAX_ANCHORS = 256;

export class PageAnchors {
  /** Row offset → that row's sort key, in the order they were remembered. */
  private anchors = new Map<number, RowPosition>();
  /** The window the offsets were counted in (ms, inclusive); null before the first page. */
  window: { startMs: number; endMs: number } | null = null;

  /** The remembered anchor closest to `offset`, if any. */
  nearest(offset: number): Anchor | undefined {
    let best: Anchor | undefined;
    for (const [at, position] of this.anchors)
      if (!best || Math.abs(at - offset) < Math.abs(best.offset - offset))
        best = { offset: at, at: position };
    return best;
  }

  remember(offset: number, at: RowPosition): void {
    if (this.anchors.has(offset)) return;
    if (this.anchors.size >= MAX_ANCHORS) {
      const [oldest] = this.anchors.keys();
      if (oldest !== undefined) this.anchors.delete(oldest);
    }
    this.anchors.set(offset, at);
  }

  /** Forgets the anchors that lie before `startMs` (the window lost its oldest rows). */
  dropOlderThan(startMs: number): void {
    for (const [offset, at] of this.anchors)
      if (at.createdAt.getTime() < startMs) this.anchors.delete(offset);
  }

  clear(): void {
    this.anchors.clear();
  }
}
