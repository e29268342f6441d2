/**
 * Which in-flight task ids a follow round re-reads (docs/sync.md, "Reaching every in-flight row"): an
 * id is due one interval after its last read (or its creation, if never read); a round takes the due
 * ids most overdue first, as many as the follow rate covers in one interval, so those left over lead
 * the next round instead of starving behind newer ones.
 */
import 'server-only';
import { MAX_IDS_PER_BY_ID_CALL } from '../../upstream/cdn';
import type { SyncSettings } from '../settings';

/** In-flight rows younger than this are followed every round; older ones less often. */
export const FOLLOW_YOUNG_MS = 10 * 60_000;
/** The shortest pause between two follow rounds, however long the last one took; ids due within it count as due. */
export const FOLLOW_MIN_PAUSE_MS = 50;

type FollowIntervals = Pick<SyncSettings, 'followIntervalMs' | 'followSlowIntervalMs'>;

/** How often the follow re-reads an in-flight row created at `createdAt`. */
export function followEveryMs(settings: FollowIntervals, now: number, createdAt: number): number {
  return now - createdAt < FOLLOW_YOUNG_MS ? settings.followIntervalMs : settings.followSlowIntervalMs;
}

/** By-id calls one round may make: the rate over one interval, at least one. */
export function followCallsPerRound(ratePerSecond: number, intervalMs: number): number {
  return Math.max(1, Math.floor((ratePerSecond * intervalMs) / 1000));
}

export interface FollowRound {
  /** The ids to re-read this round, in order. */
  taken: string[];
  /** How many ids were due. */
  due: number;
  /** How long past its due time the most overdue id left out waits (ms; 0 when none is left out). */
  behindMs: number;
}

export function planFollowRound(input: {
  inFlight: ReadonlyArray<{ taskId: string; createdAt: number }>;
  lastReadAt: ReadonlyMap<string, number>;
  now: number;
  settings: FollowIntervals;
  callsPerRound: number;
}): FollowRound {
  const { now } = input;
  const due: Array<{ id: string; dueAt: number; createdAt: number }> = [];
  for (const { taskId, createdAt } of input.inFlight) {
    const dueAt = (input.lastReadAt.get(taskId) ?? createdAt) + followEveryMs(input.settings, now, createdAt);
    if (dueAt <= now + FOLLOW_MIN_PAUSE_MS) due.push({ id: taskId, dueAt, createdAt });
  }
  // Most overdue first; among equally overdue ones the newest, which are likeliest to have moved.
  due.sort((a, b) => a.dueAt - b.dueAt || b.createdAt - a.createdAt);
  const taken = due.slice(0, input.callsPerRound * MAX_IDS_PER_BY_ID_CALL);
  const firstLeft = due[taken.length];
  return {
    taken: taken.map((entry) => entry.id),
    due: due.length,
    behindMs: firstLeft ? Math.max(0, now - firstLeft.dueAt) : 0,
  };
}

/**
 * How many of these in-flight rows may have ended upstream without the follow having had its turn
 * at them yet, so that the store holding them in flight is the follow's lag, not a drift: a row is
 * re-read by the round after it comes due, or after it was last seen in flight if that is later
 * (rows the backfill reads in flight are all due at once), and a follow that is behind reaches it
 * `followBehindMs` later. `seenAt` is when the store last saw the row in flight (it was stored then,
 * or saw it change); a re-read by id since counts too.
 */
export function awaitingFollow(input: {
  rows: ReadonlyArray<{ taskId: string; createdAt: number; seenAt: number }>;
  lastReadAt: ReadonlyMap<string, number>;
  now: number;
  settings: FollowIntervals;
  followBehindMs: number;
}): number {
  const { now, settings } = input;
  let awaiting = 0;
  for (const { taskId, createdAt, seenAt } of input.rows) {
    const readAt = input.lastReadAt.get(taskId);
    const dueAt = (readAt ?? createdAt) + followEveryMs(settings, now, createdAt);
    const lastSeen = Math.min(now, Math.max(seenAt, readAt ?? 0));
    const reachedBy = Math.max(dueAt, lastSeen) + input.followBehindMs + settings.followIntervalMs;
    if (now <= reachedBy) awaiting += 1;
  }
  return awaiting;
}
