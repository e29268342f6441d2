import 'server-only';
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Upstream answers kept for reuse: fresh for a few seconds (identical calls are made once), then
 * kept much longer as the last good answer for stale-if-error. In this process's memory, or in
 * Redis so every instance shares them.
 *
 * Calls are grouped by "family": the same action and parameters with the same window length. A
 * relative window (`now-24h`) ends one second later every second, so its calls are never exactly
 * identical; an answer for the window that ended `d` seconds earlier, fetched `d` seconds ago, is
 * what the same query got then, and reusing it is exactly what a `d`-second-old cache entry means.
 */
export interface CachedAnswer<T> {
  value: T;
  /** When the upstream answered, ms since the epoch. */
  fetchedAt: number;
  /** End of the call's time window (ms), or null for calls without one. */
  windowEnd: number | null;
}

export interface AnswerStore {
  get<T>(family: string): Promise<CachedAnswer<T> | null>;
  set<T>(family: string, answer: CachedAnswer<T>, keepMs: number): Promise<void>;
}

/** The family of a call: everything but its window's position, hashed into a short key. */
export function callFamily(
  action: string,
  params: Record<string, unknown>,
): { family: string; windowEnd: number | null } {
  const { startTime, endTime, ...rest } = params;
  const start = typeof startTime === 'string' ? Date.parse(startTime) : Number.NaN;
  const end = typeof endTime === 'string' ? Date.parse(endTime) : Number.NaN;
  const hasWindow = Number.isFinite(start) && Number.isFinite(end);
  const canonical = Object.keys(rest)
    .sort()
    .filter((name) => rest[name] !== undefined)
    .map((name) => [name, rest[name]]);
  const text = JSON.stringify([action, hasWindow ? end - start : null, canonical]);
  return {
    family: createHash('sha256').update(text).digest('base64url').slice(0, 32),
    windowEnd: hasWindow ? end : null,
  };
}

/**
 * True when `answer` may stand for a call whose window ends at `windowEnd`, asked at `now`: the same
 * window, or the same relative window moved on by no more than the answer's age (+1 s: windows are
 * whole seconds).
 */
export function answersWindow(answer: CachedAnswer<unknown>, windowEnd: number | null, now: number): boolean {
  if (answer.windowEnd === null || windowEnd === null) return answer.windowEnd === windowEnd;
  const shift = windowEnd - answer.windowEnd;
  return shift >= 0 && shift <= now - answer.fetchedAt + 1_000;
}

const MAX_MEMORY_ENTRIES = 2_000;

export function memoryAnswerStore(now: () => number = Date.now): AnswerStore {
  const entries = new Map<string, { answer: CachedAnswer<unknown>; expiresAt: number }>();
  return {
    async get<T>(family: string) {
      const entry = entries.get(family);
      if (!entry) return null;
      if (entry.expiresAt <= now()) {
        entries.delete(family);
        return null;
      }
      return entry.answer as CachedAnswer<T>;
    },
    async set<T>(family: string, answer: CachedAnswer<T>, keepMs: number) {
      entries.delete(family);
      entries.set(family, { answer, expiresAt: now() + keepMs });
      // Maps iterate in insertion order: the first key is the least recently written.
      if (entries.size > MAX_MEMORY_ENTRIES) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
    },
  };
}

/** Redis trouble is a cache miss, never an error: the upstream is still there. */
export function redisAnswerStore(
  redis: Redis,
  prefix: string,
  onError: (error: unknown) => void,
): AnswerStore {
  const key = (family: string) => `${prefix}:answer:${family}`;
  return {
    async get<T>(family: string) {
      try {
        const text = await redis.get(key(family));
        return text ? (JSON.parse(text) as CachedAnswer<T>) : null;
      } catch (error) {
        onError(error);
        return null;
      }
    },
    async set<T>(family: string, answer: CachedAnswer<T>, keepMs: number) {
      try {
        await redis.set(key(family), JSON.stringify(answer), 'PX', Math.max(1, Math.round(keepMs)));
      } catch (error) {
        onError(error);
      }
    },
  };
}
