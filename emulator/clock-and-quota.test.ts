import { describe, expect, it } from 'vitest';
import { describeRefreshTaskById } from './action-describe-refresh-task-by-id';
import { refreshObjectCaches } from './action-refresh-object-caches';
import { EmulatorClock } from './clock';
import { answerControl } from './control-routes';
import { QuotaLedger } from './quota';
import { EmulatorState } from './state';
import type { TaskView } from './task-model';
import { formatProcess } from './task-state';
import { frozenState, invoke } from './test-state';
import { HOUR, MINUTE, parseUtcSeconds } from './utc-time';

describe('EmulatorClock', () => {
  it('follows its base with an offset, freezes, advances and sets', () => {
    let base = 1_000;
    const clock = new EmulatorClock(() => base);
    clock.advance(500);
    base = 2_000;
    expect(clock.now()).toBe(2_500);
    clock.freeze();
    base = 9_000;
    expect(clock.now()).toBe(2_500);
    clock.set(10_000);
    clock.advance(1);
    expect(clock.now()).toBe(10_001);
    clock.unfreeze();
    base = 9_100;
    expect(clock.now()).toBe(10_101);
    // Resuming drops the offset: the clock is the base's again, and it says how far it moved.
    expect(clock.resume()).toBe(9_100 - 10_101);
    expect(clock.now()).toBe(9_100);
  });
});

describe('the clock control endpoint', () => {
  it('stands exactly at the set instant when asked to set and freeze at once, however busy the machine', () => {
    // A base clock that moves a millisecond every time it is read, as real time does between steps.
    let base = Date.parse('2026-11-29T10:00:00Z');
    const state = new EmulatorState(
      new EmulatorClock(() => base++),
      { seed: 1, tasks: 10, startInstant: base, extendedKinds: false },
      { rateLimits: 'off', throttleShape: '400' },
    );
    const set = '2026-11-28T08:00:00.000Z';
    const reply = answerControl(state, 'POST', 'clock', { set, freeze: true }, new URLSearchParams());
    expect(reply.body).toEqual({ now: set, frozen: true });
    expect(new Date(state.now()).toISOString()).toBe(set);
  });
});

describe('resuming the clock after a freeze', () => {
  it('runs from real time again, and the tasks due while it stood arrive from then on, none in the past', () => {
    let base = Date.parse('2026-11-29T10:00:00Z');
    const state = new EmulatorState(
      new EmulatorClock(() => base),
      { seed: 3, tasks: 100, startInstant: base, extendedKinds: false },
      { rateLimits: 'off', throttleShape: '400' },
    );
    const table = state.source.sorted;
    const visible = () => table.upperBound(state.now());
    state.clock.freeze();
    const frozenAt = state.now();
    const seenBefore = visible();
    const due = [...table.createdAt.slice(seenBefore, table.length)];
    base += 10 * MINUTE;

    const reply = answerControl(state, 'POST', 'clock', { resume: true }, new URLSearchParams());
    expect(reply.body).toMatchObject({ now: new Date(base).toISOString(), frozen: false });
    // Nothing appeared at once: the ten minutes of trickle the freeze skipped were moved along.
    expect(visible()).toBe(seenBefore);
    const after = [...table.createdAt.slice(seenBefore, table.length)];
    expect(after).toEqual(due.map((at) => at + (base - frozenAt)));
    expect(after.every((at) => at > state.now())).toBe(true);
  });
});

describe('QuotaLedger', () => {
  it('spends all or nothing and starts afresh at Beijing midnight (16:00 UTC)', () => {
    const ledger = new QuotaLedger();
    const beforeMidnight = Date.parse('2026-11-28T15:59:00Z');
    expect(ledger.spend({ Dir: 60 }, beforeMidnight)).toBeNull();
    expect(ledger.spend({ Url: 1, Dir: 41 }, beforeMidnight)).toBe('Dir');
    expect(ledger.remaining('Url', beforeMidnight)).toBe(10_000);
    expect(ledger.remaining('Dir', beforeMidnight)).toBe(40);
    expect(ledger.remaining('Dir', beforeMidnight + 2 * MINUTE)).toBe(100);
  });
});

describe('tasks created through the API', () => {
  it('evolve like the generated ones: Pending, then Refreshing, then done', () => {
    let now = Date.parse('2026-11-28T08:00:00Z');
    const state = frozenState(0);
    state.clock.set(now);
    const { RefreshTaskId } = invoke<{ RefreshTaskId: string }>(refreshObjectCaches, state, {
      ObjectPath: 'https://static.example.com/a.js',
    });
    const statusAt = (t: number) => {
      now = t;
      state.clock.set(t);
      return invoke<{ Tasks: TaskView[] }>(describeRefreshTaskById, state, { TaskId: RefreshTaskId })
        .Tasks[0];
    };
    expect(statusAt(now)?.Status).toBe('Pending');
    expect(statusAt(now + 20_000)?.Status).toBe('Refreshing');
    const done = statusAt(now + HOUR);
    expect(['Complete', 'Failed']).toContain(done?.Status);
    expect(statusAt(now + 4 * 24 * HOUR)).toBeUndefined();
  });
});

describe('formats', () => {
  it('prints Process like the API', () => {
    expect(formatProcess(100, false)).toBe('100%');
    expect(formatProcess(37.5, false)).toBe('37.5%');
    expect(formatProcess(99.371, false)).toBe('99.37%');
    expect(formatProcess(10, true)).toBe('10');
  });

  it('parses only whole-second UTC times that exist', () => {
    expect(parseUtcSeconds('2026-11-28T08:23:22Z')).toBe(Date.parse('2026-11-28T08:23:22Z'));
    for (const bad of [
      '2026-11-28T08:23:22.000Z',
      '2026-11-28 08:23:22Z',
      '2026-02-29T00:00:00Z',
      '2026-11-28T24:00:00Z',
    ]) {
      expect(parseUtcSeconds(bad)).toBeNull();
    }
  });
});
