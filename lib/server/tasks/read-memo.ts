/**
 * The answers of the store's heavier reads (a page with its total, the summary, triage), kept per
 * view: the read, the account, the view's filters and its window. Many people watching the same
 * view, and every page's periodic refresh, then cost one query per change of the data instead of
 * one per viewer.
 *
 * An answer is current while the store's generation is the one it was computed from (the
 * generation moves whenever the sync writes a changed row, see docs/sync.md). A window pinned to
 * absolute times is then exact for as long as the answer is kept. A relative window (`now-3d`)
 * slides with the clock even when nothing is written, so its answer is current for a few seconds
 * only: rows at the far edge may count for up to that long after they left the window.
 *
 * When the answer is not current, one computation per view starts (every reader of the view meanwhile
 * shares it), and what the readers get depends on how long the view's last computation took:
 *
 * - fast (under SLOW_COMPUTE_MS, as every view of a store of a few thousand tasks): they wait for
 *   it, so a fast view always answers the data as it is now — exactly what the upstream holds once
 *   the sync has caught up;
 * - slow (a 30-day summary over hundreds of thousands of rows on the embedded store's single
 *   thread): they get the kept answer at once if it is younger than STALE_ANSWER_MAX_AGE_MS, with the
 *   freshness of its own time (its `fetchedAt` says how old it is), and the next refresh gets the
 *   new one. In a busy account the data changes every few seconds; without this each change held
 *   every request of every view behind a recomputation. An older kept answer is never served.
 */
import 'server-only';
import { LRUCache } from 'lru-cache';
import type { DataFilters } from '@/lib/filters';
import type { ResolvedWindow } from '@/lib/time-range';

/** How long an answer over a window relative to now stays current. */
const RELATIVE_WINDOW_REUSE_MS = 5_000;
/**
 * A computation at least this long makes its view serve the kept answer while the next one runs.
 * Below it a reader waiting for the current answer loses little; at it, a few views recomputing at
 * each change of the data already hold the embedded store's one thread (and every other request
 * behind it) for seconds. Every view of the e2e stores (3,000 tasks) computes well under it.
 */
const SLOW_COMPUTE_MS = 300;
/**
 * The oldest kept answer still served while its successor is computed, counted from when it began
 * to be computed. Twice a relative window's reuse, so a relative view (recomputed once its answer
 * is 5 s old) may take 5 s more to compute before its readers wait; well under a page's refresh.
 */
const STALE_ANSWER_MAX_AGE_MS = 10_000;
/** Enough for every view a team has open; each entry is one page or one summary. */
const MAX_ENTRIES = 500;

type MemoisedRead = 'list' | 'summary' | 'triage';

/** One computed answer and what it was computed from. */
interface Kept<T, S> {
  answer: T;
  /** The freshness read with the generation (fetchedAt…), to answer with while it is not current. */
  stamp: S;
  generation: string;
  startedAt: number;
}

interface View {
  kept: Kept<unknown, unknown> | null;
  /** How long the latest finished computation took. */
  tookMs: number;
  /** The one computation of this view under way, if any. */
  running: Promise<Kept<unknown, unknown>> | null;
}

const views = new LRUCache<string, View>({ max: MAX_ENTRIES });

/** True when the window's bounds depend on the time of the request. */
function slidesWithTheClock(query: Pick<DataFilters, 'from' | 'to'>): boolean {
  return query.from.includes('now') || query.to.includes('now');
}

/** Generations are the time of the last change; a later one also answers a reader of an earlier. */
function atLeast(kept: string, asked: string): boolean {
  if (kept === asked) return true;
  const [k, a] = [Number(kept), Number(asked)];
  return Number.isFinite(k) && Number.isFinite(a) && k >= a;
}

export interface MemoisedAnswer<T, S> {
  answer: T;
  /** The freshness to answer with: the reader's own for a current answer, the kept one's else. */
  stamp: S;
}

/**
 * `at`: the store's generation and the freshness read with it, just before this call. `compute`
 * reads the store as it is when it runs, so its answer is at least as new as `at`.
 */
export async function memoisedRead<T extends object, S>(
  read: MemoisedRead,
  accountId: string,
  query: DataFilters,
  window: ResolvedWindow,
  at: { generation: string; stamp: S },
  compute: () => Promise<T>,
): Promise<MemoisedAnswer<T, S>> {
  const relative = slidesWithTheClock(query);
  // A relative window is keyed by its expression (its answer is current for seconds anyway); an
  // absolute one by its resolved bounds, which also folds the history clamp into the key.
  const bounds = relative ? `${query.from}..${query.to}` : `${window.startMs}..${window.endMs}`;
  const key = JSON.stringify([read, accountId, bounds, { ...query, from: '', to: '' }]);
  let view = views.get(key);
  if (!view) {
    view = { kept: null, tookMs: 0, running: null };
    views.set(key, view);
  }
  const current = (kept: Kept<unknown, unknown>, nowMs: number) =>
    atLeast(kept.generation, at.generation) &&
    (!relative || nowMs - kept.startedAt <= RELATIVE_WINDOW_REUSE_MS);
  const served = (kept: Kept<unknown, unknown>): MemoisedAnswer<T, S> => ({
    answer: kept.answer as T,
    stamp: (kept.generation === at.generation ? at.stamp : kept.stamp) as S,
  });

  for (;;) {
    const nowMs = Date.now();
    const { kept, running } = view;
    if (kept && current(kept, nowMs)) return served(kept);
    const pending = running ?? startComputing(view, at, compute);
    if (kept && view.tookMs >= SLOW_COMPUTE_MS && nowMs - kept.startedAt <= STALE_ANSWER_MAX_AGE_MS)
      return served(kept);
    const done = await pending;
    if (atLeast(done.generation, at.generation)) return served(done);
    // What was under way began before this reader's generation: look again, and start the next
    // computation unless another reader already did.
  }
}

function startComputing<S>(
  view: View,
  at: { generation: string; stamp: S },
  compute: () => Promise<unknown>,
): Promise<Kept<unknown, unknown>> {
  const startedAt = Date.now();
  const running = compute().then(
    (answer) => {
      const kept = { answer, stamp: at.stamp, generation: at.generation, startedAt };
      view.kept = kept;
      view.tookMs = Date.now() - startedAt;
      view.running = null;
      return kept;
    },
    (error: unknown) => {
      view.running = null;
      throw error;
    },
  );
  // Readers served the kept answer do not wait for this one; a failure reaches the next who does.
  running.catch(() => undefined);
  view.running = running;
  return running;
}

/** Forgets every kept answer (tests, and a store reopened under a new generation scheme). */
export function forgetMemoisedReads(): void {
  views.clear();
}
