import { describe, expect, it } from 'vitest';
import { stampedAnswer } from './stamped-answer';

describe('one body per kept answer and stamp', () => {
  it('gives the same body while the stamp is the same by value, and a new one once it moves', () => {
    const answer = { total: 5 };
    let built = 0;
    const body = (stamp: { fetchedAt: string }) =>
      stampedAnswer(answer, stamp, () => {
        built += 1;
        return { ...answer, ...stamp };
      });
    const first = body({ fetchedAt: 'a' });
    expect(body({ fetchedAt: 'a' })).toBe(first);
    expect(built).toBe(1);
    const moved = body({ fetchedAt: 'b' });
    expect(moved).not.toBe(first);
    expect(moved).toEqual({ total: 5, fetchedAt: 'b' });
    expect(built).toBe(2);
  });

  it('keeps the bodies of different answers apart', () => {
    const stamp = { fetchedAt: 'a' };
    const one = stampedAnswer({ total: 1 }, stamp, () => ({ total: 1 }));
    const two = stampedAnswer({ total: 2 }, stamp, () => ({ total: 2 }));
    expect(one).toEqual({ total: 1 });
    expect(two).toEqual({ total: 2 });
  });
});
