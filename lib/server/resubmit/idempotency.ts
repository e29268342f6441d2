import 'server-only';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { processSingleton } from '@/lib/node/process-singleton';
import { upstreamRuntime } from '../upstream/upstream-runtime';

/**
 * Makes a submission happen at most once per idempotency key: a double click, a retry after a lost
 * answer or a second instance behind the load balancer gets the first run's result instead of
 * submitting again. With REDIS_URL the keys live in Redis and every instance sees them; without it,
 * in this process. A key is tied to the user and to what was asked: the same key with another
 * request is refused rather than answered with an unrelated result.
 */
type OnceOutcome<T> =
  | { kind: 'ran'; result: T }
  | { kind: 'replayed'; result: T }
  | { kind: 'mismatch' }
  | { kind: 'still-running' };

/** How long a result is kept for replay: longer than anyone retries. */
const KEEP_MS = 24 * 60 * 60 * 1000;
/**
 * The most keys one process remembers without Redis: far more than a day of operators' submissions,
 * and a bound on memory whatever is sent. The least recently used key is forgotten first.
 */
export const MEMORY_MAX_KEYS = 10_000;
/** How long a duplicate waits for the first run to finish before saying it is still running. */
const WAIT_FOR_FIRST_MS = 60_000;

export interface OnceStore {
  once<T>(key: string, fingerprint: string, run: () => Promise<T>): Promise<OnceOutcome<T>>;
}

interface MemoryEntry {
  fingerprint: string;
  result: Promise<unknown>;
}

export function memoryOnceStore(options: { maxKeys?: number; now?: () => number } = {}): OnceStore {
  const now = options.now ?? Date.now;
  const entries = new LRUCache<string, MemoryEntry>({
    max: options.maxKeys ?? MEMORY_MAX_KEYS,
    ttl: KEEP_MS,
    // Read the clock at every look: a key is forgotten after exactly a day.
    ttlResolution: 0,
    perf: { now },
  });
  return {
    async once<T>(key: string, fingerprint: string, run: () => Promise<T>): Promise<OnceOutcome<T>> {
      const existing = entries.get(key);
      if (existing) {
        if (existing.fingerprint !== fingerprint) return { kind: 'mismatch' };
        return { kind: 'replayed', result: (await existing.result) as T };
      }
      const result = run();
      entries.set(key, { fingerprint, result });
      try {
        return { kind: 'ran', result: await result };
      } catch (error) {
        // Nothing to replay: let a retry run again.
        entries.delete(key);
        throw error;
      }
    },
  };
}

interface RedisRecord {
  fingerprint: string;
  done: boolean;
  result?: unknown;
}

/**
 * Keys in Redis, claimed with SET NX. While Redis is unreachable, claims fall back to `fallback` (this
 * process alone), as the rate budget does: a retry reaching the same instance is still caught.
 */
export function redisOnceStore(
  redis: Redis,
  prefix: string,
  fallback: OnceStore = memoryOnceStore(),
  sleep = defaultSleep,
): OnceStore {
  return {
    async once<T>(key: string, fingerprint: string, run: () => Promise<T>): Promise<OnceOutcome<T>> {
      const redisKey = `${prefix}:idempotency:${key}`;
      const claim: RedisRecord = { fingerprint, done: false };
      let claimed: string | null;
      try {
        claimed = await redis.set(redisKey, JSON.stringify(claim), 'PX', KEEP_MS, 'NX');
      } catch {
        return fallback.once(key, fingerprint, run);
      }
      if (claimed === 'OK') {
        let result: T;
        try {
          result = await run();
        } catch (error) {
          await redis.del(redisKey).catch(() => undefined);
          throw error;
        }
        const done: RedisRecord = { fingerprint, done: true, result };
        // Should Redis be gone by now, the claim stays and expires: a retry is told it is still running.
        await redis.set(redisKey, JSON.stringify(done), 'PX', KEEP_MS).catch(() => undefined);
        return { kind: 'ran', result };
      }
      const deadline = Date.now() + WAIT_FOR_FIRST_MS;
      for (;;) {
        const raw = await redis.get(redisKey);
        // Gone: the first run failed before submitting anything (or expired); this one may run.
        if (raw === null) return this.once(key, fingerprint, run);
        const record = JSON.parse(raw) as RedisRecord;
        if (record.fingerprint !== fingerprint) return { kind: 'mismatch' };
        if (record.done) return { kind: 'replayed', result: record.result as T };
        if (Date.now() >= deadline) return { kind: 'still-running' };
        await sleep(250);
      }
    },
  };
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The process's store: Redis when the upstream layer has a connection (REDIS_URL), else memory. */
export function idempotencyStore(): OnceStore {
  return processSingleton('idempotency', () => {
    const runtime = upstreamRuntime();
    return runtime.redis ? redisOnceStore(runtime.redis, runtime.settings.redisPrefix) : memoryOnceStore();
  });
}
