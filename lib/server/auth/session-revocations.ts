/**
 * The list of signed-out sessions: a session id stays on it until the session would have ended
 * anyway (12 h after sign-in), so a copy of a signed-out cookie is refused. Kept in the store, which
 * every instance on one database shares; with REDIS_URL also in Redis, which every instance shares
 * whatever store it has, and which is read first. Should Redis fail, the store answers: a revocation
 * is never forgotten because one of the two is away.
 */
import 'server-only';
import type { Redis } from 'ioredis';
import { processSingleton } from '@/lib/node/process-singleton';
import { type Store, store } from '../store/database';
import { unchangedRead } from '../store/unchanged-reads';
import { limitStore } from './limit-store';

export interface SessionRevocations {
  /** Refuses the session `id` from now until `untilMs`. */
  revoke(id: string, untilMs: number): Promise<void>;
  isRevoked(id: string): Promise<boolean>;
}

/**
 * With PGlite's write clock (unchanged-reads.ts) the whole list is read once per write and shared by
 * every session's check: the list holds only sign-outs of the last 12 h, and one read per session
 * per write was most of what the check cost under load. A list longer than LIST_AT_ONCE (or no
 * clock: PostgreSQL) is asked about one session at a time.
 */
const LIST_AT_ONCE = 1_000;

export function storeRevocations(
  opened: () => Promise<Pick<Store, 'db' | 'writeClock'>>,
  now: () => number = Date.now,
): SessionRevocations {
  return {
    async revoke(id, untilMs) {
      const { db } = await opened();
      // Ended sessions need no entry; pruned here, on the rare sign-out, rather than by a timer.
      await db.deleteFrom('revoked_sessions').where('expires_at', '<=', new Date(now())).execute();
      await db
        .insertInto('revoked_sessions')
        .values({ session_id: id, expires_at: new Date(untilMs) })
        .onConflict((conflict) => conflict.column('session_id').doNothing())
        .execute();
    },
    async isRevoked(id) {
      const { db, writeClock } = await opened();
      // Without a clock (PostgreSQL) the whole list would be read at every check: ask for this one.
      const list = writeClock
        ? await unchangedRead(writeClock, 'revoked-sessions', async () => {
            const rows = await db
              .selectFrom('revoked_sessions')
              .select('session_id')
              .limit(LIST_AT_ONCE + 1)
              .execute();
            return rows.length > LIST_AT_ONCE ? null : new Set(rows.map((row) => row.session_id));
          })
        : null;
      if (list) return list.has(id);
      const row = await db
        .selectFrom('revoked_sessions')
        .select('session_id')
        .where('session_id', '=', id)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}

export function redisRevocations(
  redis: Redis,
  keyPrefix: string,
  fallback: SessionRevocations,
  now: () => number = Date.now,
): SessionRevocations {
  const keyOf = (id: string) => `${keyPrefix}:revoked-session:${id}`;
  return {
    async revoke(id, untilMs) {
      const ttl = Math.max(1, Math.ceil(untilMs - now()));
      // Both, each whatever the other does: with the store away, Redis alone still refuses the
      // session everywhere; only when neither took it does signing out fail (and say so).
      const inRedis = redis.set(keyOf(id), '1', 'PX', ttl).then(
        () => true,
        () => false,
      );
      try {
        await fallback.revoke(id, untilMs);
      } catch (error) {
        if (!(await inRedis)) throw error;
      }
      await inRedis;
    },
    async isRevoked(id) {
      try {
        if ((await redis.exists(keyOf(id))) === 1) return true;
      } catch {
        return fallback.isRevoked(id);
      }
      // Redis may have been away when this session was revoked: the store has every revocation.
      return fallback.isRevoked(id);
    },
  };
}

/** This process's list: the store, and Redis in front of it when REDIS_URL is set. */
export function sessionRevocations(): SessionRevocations {
  return processSingleton('session-revocations', () => {
    const inStore = storeRevocations(store);
    const { redis, keyPrefix } = limitStore();
    return redis ? redisRevocations(redis, keyPrefix, inStore) : inStore;
  });
}
