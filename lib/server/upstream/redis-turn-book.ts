/**
 * The turn book shared by every instance through Redis: one Lua script reserves a turn atomically,
 * with Redis's own `TIME` as the clock, so instances whose clocks disagree still space their calls
 * correctly (each only sleeps the relative `waitMs` it is given). Needs Redis 5+ (scripts that read
 * `TIME` before writing are replicated by their effects).
 *
 * While Redis is unreachable the instance reserves in memory, alone (N instances may then spend up
 * to N budgets, briefly); every turn Redis grants is also held in that memory book, so falling back
 * mid-burst does not start this instance's own calls over at once.
 */
import 'server-only';
import type { Redis, Result } from 'ioredis';
import type { Turn, TurnBook } from './turn-spacing';

/** KEYS[1]: the next free turn (ms, Redis clock). ARGV: spacing ms, not-before ms from now. */
const RESERVE_TURN = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local booked = tonumber(redis.call('GET', KEYS[1]) or 0)
local at = math.max(now + tonumber(ARGV[2]), booked)
local after = at + tonumber(ARGV[1])
if after > booked then
  redis.call('SET', KEYS[1], string.format('%d', after), 'PX', string.format('%d', after - now + 1000))
end
return { at, at - now }
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    reserveUpstreamTurn(
      key: string,
      spacingMs: number,
      notBeforeMs: number,
    ): Result<[number, number], Context>;
  }
}

export function redisTurnBook(
  redis: Redis,
  prefix: string,
  fallback: TurnBook,
  onError: (error: unknown) => void,
): TurnBook {
  // EVALSHA, falling back to EVAL (and so loading the script) when Redis does not know it yet.
  redis.defineCommand('reserveUpstreamTurn', { numberOfKeys: 1, lua: RESERVE_TURN });
  return {
    async reserve(key, spacing, notBeforeMs = 0): Promise<Turn> {
      // Not connected: the connection reports its own outage once; no command would get through.
      if (redis.status !== 'ready') return fallback.reserve(key, spacing, notBeforeMs);
      let turn: Turn;
      try {
        const [at, waitMs] = await redis.reserveUpstreamTurn(
          `${prefix}:next-turn:${key}`,
          Math.round(spacing),
          Math.max(0, Math.round(notBeforeMs)),
        );
        turn = { at, waitMs };
      } catch (error) {
        onError(error);
        return fallback.reserve(key, spacing, notBeforeMs);
      }
      await fallback.reserve(key, 0, turn.waitMs + spacing);
      return turn;
    },
  };
}
