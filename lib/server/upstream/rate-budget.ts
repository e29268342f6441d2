import 'server-only';
import type { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import type { UpstreamAction } from './settings';
import { msUntilNextSlot, slotIndex, slotMs } from './slot-pacing';

/**
 * The account's call budget, one per action, shared through Redis by every instance when there is
 * one (in memory otherwise). rate-limiter-flexible does the counting: one point per slot key, so
 * the first instance to consume a slot's key owns that slot. A throttled answer from the upstream
 * additionally puts the action on a cooldown for the time the upstream asked for.
 */
export interface RateBudget {
  /** Resolves when this caller may send one call of `action`. */
  take(action: UpstreamAction): Promise<void>;
  /** The upstream throttled us anyway (another client on the same key, say): pause everyone. */
  coolDown(action: UpstreamAction, ms: number): Promise<void>;
  slotMs(action: UpstreamAction): number;
}

type Sleep = (ms: number) => Promise<void>;
const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function createRateBudget(options: {
  ratePerSecond: Record<UpstreamAction, number>;
  redis: Redis | null;
  keyPrefix: string;
  now?: () => number;
  sleep?: Sleep;
}): RateBudget {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  // Slot keys live two seconds: long enough to outlast their slot on every instance's clock.
  const limiter = (name: string, points: number, duration: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ keyPrefix: `${options.keyPrefix}:${name}`, points, duration });
    if (!options.redis) return memory;
    return new RateLimiterRedis({
      storeClient: options.redis,
      keyPrefix: `${options.keyPrefix}:${name}`,
      points,
      duration,
      rejectIfRedisNotReady: true,
      // Redis gone: keep pacing this instance alone rather than stop serving (README explains).
      insuranceLimiter: memory,
    });
  };
  const slots = limiter('budget', 1, 2);
  const cooldowns = limiter('cooldown', 1, 1);
  const lengths: Record<UpstreamAction, number> = {
    DescribeRefreshTasks: slotMs(options.ratePerSecond.DescribeRefreshTasks),
    DescribeRefreshTaskById: slotMs(options.ratePerSecond.DescribeRefreshTaskById),
  };

  async function cooldownLeft(action: UpstreamAction): Promise<number> {
    const state = await cooldowns.get(action);
    return state && state.consumedPoints > 1 ? state.msBeforeNext : 0;
  }

  return {
    slotMs: (action) => lengths[action],
    async take(action) {
      const length = lengths[action];
      for (;;) {
        const pause = await cooldownLeft(action);
        if (pause > 0) {
          await sleep(pause);
          continue;
        }
        const at = now();
        try {
          await slots.consume(`${action}:${slotIndex(at, length)}`);
          return;
        } catch (refused) {
          if (!(refused instanceof RateLimiterRes)) throw refused;
          // Someone (here or on another instance) has this slot: try the next one.
          await sleep(msUntilNextSlot(now(), length) + 1);
        }
      }
    },
    async coolDown(action, ms) {
      // Whole seconds: the store's expiry granularity. Erring long is the safe side here.
      await cooldowns.block(action, Math.max(1, Math.ceil(ms / 1000)));
    },
  };
}
