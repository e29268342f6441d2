import 'server-only';
import type { Redis } from 'ioredis';
import { peekProcessSingleton, processSingleton, setProcessSingleton } from '@/lib/node/process-singleton';
import { DEFAULT_ACCOUNT_ID } from '../accounts/accounts';
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
 * Everything the upstream layer keeps between requests, created once per process and account: the
 * settings, the Redis connection (if any), the rate budget and its fair queues, and the circuit
 * breaker. Per account, because the upstream's rate limit is the account's (all its access keys
 * share it) and one account's outage must not open another's circuit. Kept on globalThis: the
 * bundler may load these modules more than once (route handlers, server components), and two
 * budgets would double the call rate.
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

/**
 * Where an account's budget lives in Redis: every instance syncing or resubmitting for the account
 * reserves its turns under this prefix, and no other account's calls do.
 */
export function budgetKeyPrefix(redisPrefix: string, accountId: string): string {
  return `${redisPrefix}:account:${accountId}`;
}

function createUpstreamRuntime(accountId: string, settings: UpstreamSettings): UpstreamRuntime {
  const redis = settings.redisUrl ? connectRedis(settings.redisUrl) : null;
  // A closed circuit is a series too, so a dashboard can tell "closed" from "never reported".
  metrics().circuitOpen.set({ account: accountId }, 0);
  const inMemory = memoryTurnBook();
  const book = redis
    ? redisTurnBook(redis, budgetKeyPrefix(settings.redisPrefix, accountId), inMemory, (error) =>
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
      (depth) => metrics().queueDepth.set({ account: accountId, action }, depth),
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
      metrics().circuitOpen.set({ account: accountId }, open ? 1 : 0),
    ),
  };
}

function runtimes(): Map<string, UpstreamRuntime> {
  return processSingleton('upstream-runtimes', () => new Map<string, UpstreamRuntime>());
}

/** The account's runtime (the single-account dashboard's is `default`'s). */
export function upstreamRuntime(accountId: string = DEFAULT_ACCOUNT_ID): UpstreamRuntime {
  let runtime = runtimes().get(accountId);
  if (!runtime) {
    const settings = peekProcessSingleton<UpstreamSettings>('upstream-settings') ?? readUpstreamSettings();
    runtime = createUpstreamRuntime(accountId, settings);
    runtimes().set(accountId, runtime);
  }
  return runtime;
}

/**
 * Tests only: start over with new settings for every account (and close the old Redis
 * connections); answers the default account's new runtime.
 */
export async function resetUpstreamRuntime(settings?: UpstreamSettings): Promise<UpstreamRuntime> {
  const previous = [...runtimes().values()];
  runtimes().clear();
  setProcessSingleton('upstream-settings', settings);
  const next = upstreamRuntime();
  await Promise.all(previous.map((runtime) => runtime.redis?.quit().catch(() => undefined)));
  return next;
}
