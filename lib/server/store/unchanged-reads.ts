import 'server-only';
import { LRUCache } from 'lru-cache';

/**
 * Small reads every request makes (the account's sync state for its freshness, whether the session
 * was signed out) answered again without the store while nothing has been written to it since.
 *
 * Only for the embedded store (PGlite): this process is the only one that can open it, and every
 * statement goes through the one queue of pglite-dialect.ts, which counts each statement that may
 * write (WriteClock) as it is queued. A read queued at count c runs after every statement queued
 * before it; while the count is still c, nothing has been queued since, so the store holds what that
 * read saw (or will see, if it is still waiting): its answer is the one a new read would give. That
 * includes sharing a read still under way, which coalesces concurrent identical reads. On PostgreSQL
 * other instances write too, so there is no clock and every read goes to the store.
 *
 * Under load on PGlite these two point reads were a tenth of the server's time (each a round trip
 * through the WebAssembly engine, about 1 ms): docs/sync.md, "What a view's request costs under load".
 */

/** How many statements that may write have been queued on the embedded store so far. */
export class WriteClock {
  #count = 0;

  get count(): number {
    return this.#count;
  }

  /** Called as a statement that may write is queued, before it runs. */
  tick(): void {
    this.#count += 1;
  }
}

/**
 * Whether a statement only reads: one SELECT naming no data-changing keyword (a data-modifying CTE is
 * a SELECT too). Anything else counts as a write; a false "write" only costs a read.
 */
export function onlyReads(sql: string): boolean {
  return (
    /^\s*(\(\s*)*(select|with)\b/i.test(sql) &&
    !/\b(insert|update|delete|merge|truncate|copy|call|lock|nextval|setval)\b/i.test(sql)
  );
}

interface Kept {
  at: number;
  answer: Promise<unknown>;
}

/** Enough for every account and every session in use; each entry is one small row. */
const MAX_ENTRIES = 5_000;
const kept = new LRUCache<string, Kept>({ max: MAX_ENTRIES });

/**
 * `read`'s answer, shared with every caller of the same `key` while `clock` has not moved since it
 * was asked (null: no clock, always read). The answer is shared, not copied: callers must not change
 * it. A failed read is not kept.
 */
export function unchangedRead<T>(clock: WriteClock | null, key: string, read: () => Promise<T>): Promise<T> {
  if (!clock) return read();
  const at = clock.count;
  const known = kept.get(key);
  if (known && known.at === at) return known.answer as Promise<T>;
  const answer = read();
  const entry = { at, answer };
  kept.set(key, entry);
  answer.catch(() => {
    if (kept.get(key) === entry) kept.delete(key);
  });
  return answer;
}

/** Forgets every kept read (tests). */
export function forgetUnchangedReads(): void {
  kept.clear();
}
