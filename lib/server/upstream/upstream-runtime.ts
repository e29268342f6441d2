import 'server-only';
import type { Redis } from 'ioredis';
import { peekProcessSingleton, processSingleton, setProcessSingleton } from '@/lib/node/process-singleton';
import { rootLogger } from '../logger';
import { metrics } from '../metrics';
import { UpstreamCircuit } from './circuit';
import { FairQueue } from './fair-queue';
import { createRateBudget, type RateBudget } from './rate-budget';
import { connectRedis, whenRedisReady } from './redis-connection';
import { redisTurnBook } from './redis-turn-book';
import {
  readUpstreamSettings,
  UPSTREAM_ACTIONS,
  type UpstreamAction,
  type UpstreamSettings,
} from './settings';
import { memoryTurnBook } from './turn-spacing';

/**
 * Everything the upstream layer keeps between requests, created once per process: the settings, the
 * Redis connection (if any), the rate budget and its fair queues, and the circuit breaker. Kept on
 * globalThis: the bundler may load these modules more than once (route handlers, server
 * components), and two budgets would double the call rate.
 */
export interface UpstreamRuntime {
  settings: UpstreamSettings;
  redis: Redis | null;
  /** Resolves when Redis (if any) is ready, or has had its chance to be: await before any call. */
  ready: Promise<void>;
  budget: RateBudget;
  queues: Record<UpstreamAction, FairQueue>;
  circuit: UpstreamCircuit;
}

function createUpstreamRuntime(settings: UpstreamSettings = readUpstreamSettings()): UpstreamRuntime {
  const redis = settings.redisUrl ? connectRedis(settings.redisUrl) : null;
  const inMemory = memoryTurnBook();
  const book = redis
    ? redisTurnBook(redis, settings.redisPrefix, inMemory, (error) =>
        // The pump reserves for whichever request started it: no request id belongs on this line.
        rootLogger().warn(
          { err: String(error) },
          'redis could not reserve an upstream turn; reserving in memory',
        ),
      )
    : inMemory;
  const budget = createRateBudget({
    ratePerSecond: settings.ratePerSecond,
    book,
    maxColdWaitMs: settings.callTimeoutMs,
  });
  const queue = (action: UpstreamAction) =>
    new FairQueue(
      () => budget.take(action),
      () => budget.spacingMs(action),
      { maxQueuedPerCaller: settings.maxQueuedPerCaller, maxWaitMs: settings.maxQueueWaitMs },
      (depth) => metrics().queueDepth.set({ action }, depth),
    );
  return {
    settings,
    redis,
    ready: redis ? whenRedisReady(redis, 3_000) : Promise.resolve(),
    budget,
    queues: Object.fromEntries(UPSTREAM_ACTIONS.map((action) => [action, queue(action)])) as Record<
      UpstreamAction,
      FairQueue
    >,
    circuit: new UpstreamCircuit(settings.breakerFailures, settings.breakerHalfOpenMs, (open) =>
      metrics().circuitOpen.set(open ? 1 : 0),
    ),
  };
}

export function upstreamRuntime(): UpstreamRuntime {
  return processSingleton('upstream-runtime', () => createUpstreamRuntime());
}

/** Tests only: start over with new settings (and close the old Redis connection). */
export async function resetUpstreamRuntime(settings?: UpstreamSettings): Promise<UpstreamRuntime> {
  const previous = peekProcessSingleton<UpstreamRuntime>('upstream-runtime');
  const next = createUpstreamRuntime(settings);
  setProcessSingleton('upstream-runtime', next);
  await previous?.redis?.quit().catch(() => undefined);
  return next;
}
