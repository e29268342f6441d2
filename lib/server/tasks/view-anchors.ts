/**
 * The remembered page starts of each view (store/page-anchors.ts), kept per (account, view's filters
 * and time expressions, store generation): a change of the data moves rows between pages, so it
 * starts a new set, and the old one ages out of the cache.
 */
import 'server-only';
import { LRUCache } from 'lru-cache';
import type { DataFilters } from '@/lib/filters';
import { PageAnchors } from '../store/page-anchors';

/** Views paged through at once across every viewer; each set holds at most a few hundred anchors. */
const MAX_VIEWS = 200;

const sets = new LRUCache<string, PageAnchors>({ max: MAX_VIEWS });

export function anchorsFor(accountId: string, dataFilters: DataFilters, generation: string): PageAnchors {
  // Page and size are left out: anchors are row offsets, good for every page of any size.
  const key = JSON.stringify([accountId, generation, { ...dataFilters, page: 0, size: 0 }]);
  let anchors = sets.get(key);
  if (!anchors) {
    anchors = new PageAnchors();
    sets.set(key, anchors);
  }
  return anchors;
}

/** Forgets every view's anchors (tests). */
export function forgetViewAnchors(): void {
  sets.clear();
}
