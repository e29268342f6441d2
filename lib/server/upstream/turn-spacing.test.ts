import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxCallsInAnySecond } from '@/testing/upstream-test-support';
import { createRateBudget } from './rate-budget';
import { memoryTurnBook, spacingMs } from './turn-spacing';

/** Arrival times at the upstream, as the emulator would log them. */
const asLog = (times: number[]) =>
  times.map((time) => ({
    time: new Date(time).toISOString(),
    action: 'DescribeRefreshTasks',
    status: 200,
    code: null,
  }));

/** The submit calls' and the quota's rates, which these tests do not exercise. */
const OTHER_RATES = {
  RefreshObjectCaches: 50,
  PushObjectCache: 50,
  DescribeRefreshQuota: 20,
  GetCallerIdentity: 10,
};

/** A budget on a frozen clock whose sleeps only record how long each caller would wait. */
function frozenBudget(rates = { DescribeRefreshTasks: 5, DescribeRefreshTaskById: 30, ...OTHER_RATES }) {
  const waits: number[] = [];
  const budget = createRateBudget({
    ratePerSecond: rates,
    book: memoryTurnBook(() => 1_000_000),
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  return { budget, waits };
}

describe('turn spacing', () => {
  it('spaces calls ceil(1100 / budget) ms apart', () => {
    expect(spacingMs(5)).toBe(220);
    expect(spacingMs(30)).toBe(37);
    // Most of the budget is used: budget / 1.1 calls per second.
    expect(1000 / spacingMs(5)).toBeGreaterThanOrEqual(4.5);
    expect(1000 / spacingMs(30)).toBeGreaterThanOrEqual(27);
  });

  it('never puts more than the budget in a sliding second, whatever ±50 ms each call is late or early', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 2, maxLength: 300 }),
        (budget, jitters) => {
          const spacing = spacingMs(budget);
          const arrivals = jitters.map((jitter, index) => 1_000_000 + index * spacing + jitter);
          expect(maxCallsInAnySecond(asLog(arrivals), 'DescribeRefreshTasks')).toBeLessThanOrEqual(budget);
        },
      ),
      { numRuns: 500 },
    );
  });
});

/** A budget on a clock the test moves; its sleeps record how long each caller would wait. */
function steppedBudget() {
  const clock = { now: 0 };
  const waits: number[] = [];
  const budget = createRateBudget({
    ratePerSecond: { DescribeRefreshTasks: 5, DescribeRefreshTaskById: 30, ...OTHER_RATES },
    book: memoryTurnBook(() => clock.now),
    now: () => clock.now,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  return { budget, waits, clock };
}

describe('the rate budget in memory', () => {
  it('spreads a burst of calls at the spacing, the first at once and the one after it a margin later', async () => {
    const { budget, waits } = frozenBudget();
    await Promise.all(Array.from({ length: 6 }, () => budget.take('DescribeRefreshTasks')));
    // The first call of an idle instance is a cold one: the turn after it is 250 ms later still.
    expect(waits).toEqual([470, 690, 910, 1_130, 1_350]);
  });

  it('lets no call of this instance follow a cold one before its answer, and then a spacing later', async () => {
    const { budget, waits, clock } = steppedBudget();
    await budget.take('DescribeRefreshTasks');
    let second = false;
    const following = budget.take('DescribeRefreshTasks').then(() => {
      second = true;
    });
    clock.now = 600;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(second).toBe(false);
    await budget.settled('DescribeRefreshTasks');
    await following;
    expect(waits).toEqual([220]);
    // Warm now: the next calls just keep the spacing, answered or not.
    await budget.take('DescribeRefreshTasks');
    expect(waits).toEqual([220, 440]);
  });

  it('treats the first call after a long pause as cold again, after a short one not, and spaces each action alone', async () => {
    const { budget, waits, clock } = steppedBudget();
    const burst = async (at: number, action: 'DescribeRefreshTasks' | 'DescribeRefreshTaskById') => {
      clock.now = at;
      waits.length = 0;
      await budget.take(action);
      await budget.settled(action);
      for (let i = 0; i < 3; i += 1) await budget.take(action);
      return [...waits];
    };
    expect(await burst(0, 'DescribeRefreshTasks')).toEqual([470, 690, 910]);
    expect(await burst(10_000, 'DescribeRefreshTasks')).toEqual([470, 690, 910]);
    expect(await burst(12_000, 'DescribeRefreshTasks')).toEqual([220, 440, 660]);
    expect(await burst(12_000, 'DescribeRefreshTaskById')).toEqual([287, 324, 361]);
  });

  it('holds every later call back for the cooldown the upstream asked for, then spaces them again', async () => {
    const { budget, waits } = frozenBudget();
    await budget.take('DescribeRefreshTasks');
    await budget.settled('DescribeRefreshTasks');
    await budget.coolDown('DescribeRefreshTasks', 1_500);
    await budget.take('DescribeRefreshTasks');
    await budget.take('DescribeRefreshTasks');
    await budget.take('DescribeRefreshTaskById');
    expect(waits).toEqual([1_500, 1_720]);
  });

  it('never shortens a wait by a cooldown shorter than the turns already booked', async () => {
    const { budget, waits } = frozenBudget();
    await budget.take('DescribeRefreshTasks');
    await budget.settled('DescribeRefreshTasks');
    for (let i = 0; i < 9; i += 1) await budget.take('DescribeRefreshTasks');
    await budget.coolDown('DescribeRefreshTasks', 500);
    await budget.take('DescribeRefreshTasks');
    expect(waits.at(-1)).toBe(2_450);
  });
});
