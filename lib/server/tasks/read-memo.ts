/**
 * The answers of the store's heavier reads (a page with its total, the summary, triage), kept while
 * the store has not changed. Many people watching the same view, and every page's periodic refresh,
 * then cost one query per change of the data instead of one per viewer: on the embedded store a
 * 30,000-row summary takes a few hundred milliseconds of its single thread.
 *
 * An answer is keyed by what it was computed from: the read, the view's data filters and the store's
 * generation (it moves whenever the sync writes a changed row, see docs/sync.md). A window pinned
 * to absolute times is then exact for as long as the entry lives. A relative window (`now-3d`)
 * slides with the clock even when nothing is written, so its answer is reused for a few seconds
 * only: rows at the far edge may count for up to that long after they left the window. Concurrent
 * requests for the same key share one computation (lru-cache's fetch).
 */
import 'server-only';
import { LRUCache } from 'lru-cache';
import type { DataFilters } from '@/lib/filters';
import type { ResolvedWindow } from '@/lib/time-range';

/** How long an answer over a window relative to now is reused. */
const RELATIVE_WINDOW_REUSE_MS = 5_000;
/** Enough for every view a team has open; each entry is one page or one summary. */
const MAX_ENTRIES = 500;

type MemoisedRead = 'list' | 'summary' | 'triage';

type Compute = () => Promise<object>;

const answers = new LRUCache<string, object, Compute>({
  max: MAX_ENTRIES,
  fetchMethod: (_key, _stale, { context }) => context(),
});

/** True when the window's bounds depend on the time of the request. */
function slidesWithTheClock(dataFilters: Pick<DataFilters, 'from' | 'to'>): boolean {
  return dataFilters.from.includes('now') || dataFilters.to.includes('now');
}

export async function memoisedRead<T extends object>(
  read: MemoisedRead,
  accountId: string,
  dataFilters: DataFilters,
  window: ResolvedWindow,
  generation: string,
  compute: () => Promise<T>,
): Promise<T> {
  const relative = slidesWithTheClock(dataFilters);
  // A relative window is keyed by its expression (it is recomputed within seconds anyway); an
  // absolute one by its resolved bounds, which also folds the history clamp into the key.
  const bounds = relative ? `${dataFilters.from}..${dataFilters.to}` : `${window.startMs}..${window.endMs}`;
  const key = JSON.stringify([read, accountId, generation, bounds, { ...dataFilters, from: '', to: '' }]);
  const answer = await answers.fetch(key, {
    context: compute,
    ttl: relative ? RELATIVE_WINDOW_REUSE_MS : 0,
  });
  if (answer === undefined) return compute();
  return answer as T;
}

/** Forgets every kept answer (tests, and a store reopened under a new generation scheme). */
export function forgetMemoisedReads(): void {
  answers.clear();
}
