import { describe, expect, it } from 'vitest';
import {
  awaitingFollow,
  FOLLOW_YOUNG_MS,
  followCallsPerRound,
  followEveryMs,
  planFollowRound,
} from './follow-due';

const SECOND = 1000;
const NOW = Date.parse('2026-12-01T12:00:00Z');
const settings = { followIntervalMs: 5 * SECOND, followSlowIntervalMs: 60 * SECOND };

describe('follow intervals', () => {
  it('re-reads young rows every interval and older ones at the slow interval', () => {
    expect(followEveryMs(settings, NOW, NOW - FOLLOW_YOUNG_MS + 1)).toBe(5 * SECOND);
    expect(followEveryMs(settings, NOW, NOW - FOLLOW_YOUNG_MS)).toBe(60 * SECOND);
  });

  it('makes as many calls a round as the rate covers in one interval, at least one', () => {
    expect(followCallsPerRound(5, 5 * SECOND)).toBe(25);
    expect(followCallsPerRound(0.05, 5 * SECOND)).toBe(1);
  });
});

describe('a follow round', () => {
  const plan = (
    inFlight: Array<{ taskId: string; createdAt: number }>,
    lastReadAt = new Map<string, number>(),
    callsPerRound = 25,
  ) => planFollowRound({ inFlight, lastReadAt, now: NOW, settings, callsPerRound });

  it('takes only ids whose interval since their last read (or creation) has passed', () => {
    const round = plan(
      [
        { taskId: 'read-just-now', createdAt: NOW - 60 * SECOND },
        { taskId: 'read-long-ago', createdAt: NOW - 60 * SECOND },
        { taskId: 'just-created', createdAt: NOW - SECOND },
        { taskId: 'never-read', createdAt: NOW - 6 * SECOND },
      ],
      new Map([
        ['read-just-now', NOW - SECOND],
        ['read-long-ago', NOW - 10 * SECOND],
      ]),
    );
    expect(round.taken).toEqual(['read-long-ago', 'never-read']);
    expect(round).toMatchObject({ due: 2, behindMs: 0 });
  });

  it('takes the most overdue first, as many as the calls cover, and says how far behind the rest wait', () => {
    // Old rows (the slow interval), never read: the older, the more overdue.
    const inFlight = Array.from({ length: 30 }, (_, i) => ({
      taskId: `t${i}`,
      createdAt: NOW - 30 * 60 * SECOND + i * SECOND,
    }));
    const round = plan([...inFlight].reverse(), new Map(), 2);
    expect(round.taken).toEqual(inFlight.slice(0, 20).map((t) => t.taskId));
    expect(round.due).toBe(30);
    // The first left out, t20, was due at its creation plus the slow interval.
    expect(round.behindMs).toBe(NOW - ((inFlight[20]?.createdAt ?? 0) + 60 * SECOND));
  });

  it('takes the newest first among ids equally overdue', () => {
    const lastRead = NOW - 2 * 60 * SECOND;
    const round = plan(
      [
        { taskId: 'older', createdAt: NOW - 40 * 60 * SECOND },
        { taskId: 'newer', createdAt: NOW - 20 * 60 * SECOND },
      ],
      new Map([
        ['older', lastRead],
        ['newer', lastRead],
      ]),
    );
    expect(round.taken).toEqual(['newer', 'older']);
  });
});

describe('rows awaiting the follow', () => {
  const awaiting = (
    rows: Array<{ taskId: string; createdAt: number; seenAt: number }>,
    lastReadAt = new Map<string, number>(),
    followBehindMs = 0,
  ) => awaitingFollow({ rows, lastReadAt, now: NOW, settings, followBehindMs });

  it('counts rows read in flight by the backfill a moment ago, though they were due long before', () => {
    expect(awaiting([{ taskId: 'a', createdAt: NOW - 3_600 * SECOND, seenAt: NOW - SECOND }])).toBe(1);
  });

  it('counts a row re-read by id and not yet due again', () => {
    const read = new Map([['a', NOW - 30 * SECOND]]);
    expect(
      awaiting([{ taskId: 'a', createdAt: NOW - 3_600 * SECOND, seenAt: NOW - 3_000 * SECOND }], read),
    ).toBe(1);
  });

  it('leaves out a row the follow should have reached, unless it says it is that far behind', () => {
    const rows = [{ taskId: 'a', createdAt: NOW - 3_600 * SECOND, seenAt: NOW - 600 * SECOND }];
    expect(awaiting(rows)).toBe(0);
    expect(awaiting(rows, new Map(), 600 * SECOND)).toBe(1);
  });
});
