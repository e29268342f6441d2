import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type DataFilters, DEFAULT_FILTERS, toDataFilters } from '@/lib/filters';
import { forgetMemoisedReads, memoisedRead } from './read-memo';

const WINDOW = { startMs: 1_000, endMs: 2_000, clamped: false };
const ABSOLUTE: DataFilters = {
  ...toDataFilters(DEFAULT_FILTERS),
  from: '2026-11-28T00:00:00Z',
  to: '2026-11-29T00:00:00Z',
};

const RELATIVE: DataFilters = { ...toDataFilters(DEFAULT_FILTERS), from: 'now-30d', to: 'now' };

/** The store's generation as a reader found it, with the freshness read along with it. */
const at = (generation: string) => ({ generation, stamp: `${generation} freshness` });

/**
 * A computation that counts its runs, so a test can tell a kept answer from a new one. `takesMs`
 * moves the (fake) clock while it runs; `held` keeps each run from finishing until `finish()`.
 */
function counter(options: { takesMs?: number; held?: boolean } = {}) {
  let runs = 0;
  const waiting: Array<() => void> = [];
  return {
    get runs() {
      return runs;
    },
    compute: async () => {
      runs += 1;
      const run = runs;
      if (options.held) await new Promise<void>((resolve) => waiting.push(resolve));
      vi.setSystemTime(Date.now() + (options.takesMs ?? 0));
      return { run };
    },
    /** Lets every held run finish, and waits until their answers are kept. */
    async finish() {
      for (const resolve of waiting.splice(0)) resolve();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

const read = (generation: string, compute: () => Promise<{ run: number }>, query = ABSOLUTE) =>
  memoisedRead('summary', 'default', query, WINDOW, at(generation), compute);

describe('memoisedRead', () => {
  beforeEach(() => {
    forgetMemoisedReads();
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-11-30T08:00:00Z') });
  });
  afterEach(() => vi.useRealTimers());

  it('computes once for readers asking at the same time, and keeps the answer while the store is unchanged', async () => {
    const reads = counter();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        memoisedRead('list', 'default', ABSOLUTE, WINDOW, at('g1'), reads.compute),
      ),
    );
    expect(answers.map((a) => a.answer.run)).toEqual([1, 1, 1, 1, 1]);
    expect(
      (await memoisedRead('list', 'default', ABSOLUTE, WINDOW, at('g1'), reads.compute)).answer.run,
    ).toBe(1);
    expect(reads.runs).toBe(1);
  });

  it('computes again when the store changed, or for another read, account, filter or window', async () => {
    const reads = counter();
    await memoisedRead('list', 'default', ABSOLUTE, WINDOW, at('g1'), reads.compute);
    await memoisedRead('list', 'default', ABSOLUTE, WINDOW, at('g2'), reads.compute);
    await memoisedRead('summary', 'default', ABSOLUTE, WINDOW, at('g2'), reads.compute);
    await memoisedRead('summary', 'staging', ABSOLUTE, WINDOW, at('g2'), reads.compute);
    await memoisedRead(
      'summary',
      'staging',
      { ...ABSOLUTE, status: ['Failed'] },
      WINDOW,
      at('g2'),
      reads.compute,
    );
    await memoisedRead('summary', 'staging', ABSOLUTE, { ...WINDOW, startMs: 500 }, at('g2'), reads.compute);
    expect(reads.runs).toBe(6);
  });

  it('keeps no failure: the next reader tries again', async () => {
    let fail = true;
    const compute = async () => {
      if (fail) throw new Error('store down');
      return { ok: true };
    };
    await expect(memoisedRead('triage', 'default', ABSOLUTE, WINDOW, at('g1'), compute)).rejects.toThrow(
      'store down',
    );
    fail = false;
    expect(await memoisedRead('triage', 'default', ABSOLUTE, WINDOW, at('g1'), compute)).toEqual({
      answer: { ok: true },
      stamp: 'g1 freshness',
    });
  });

  it('answers a slow view from its kept answer, with that answer’s freshness, while the new one is computed', async () => {
    const slow = counter({ takesMs: 400 });
    expect(await read('1', slow.compute)).toEqual({ answer: { run: 1 }, stamp: '1 freshness' });
    const held = counter({ held: true });
    // The store changed: the kept answer comes at once, stamped with its own time, not the reader's.
    expect(await read('2', held.compute)).toEqual({ answer: { run: 1 }, stamp: '1 freshness' });
    expect(held.runs).toBe(1);
    await held.finish();
    expect(await read('2', held.compute)).toEqual({ answer: { run: 1 }, stamp: '2 freshness' });
    expect(held.runs).toBe(1);
  });

  it('answers a fast view with the current generation only, waiting for it', async () => {
    const fast = counter({ takesMs: 20 });
    expect(await read('1', fast.compute)).toEqual({ answer: { run: 1 }, stamp: '1 freshness' });
    vi.setSystemTime(Date.now() + 1_000);
    expect(await read('2', fast.compute)).toEqual({ answer: { run: 2 }, stamp: '2 freshness' });
    expect(await read('3', fast.compute)).toEqual({ answer: { run: 3 }, stamp: '3 freshness' });
  });

  it('waits past a computation begun for an older generation when the view is fast', async () => {
    const held = counter({ held: true });
    const older = read('1', held.compute);
    const newer = read('2', held.compute);
    await held.finish();
    expect(await older).toEqual({ answer: { run: 1 }, stamp: '1 freshness' });
    // The first run may have read the store before generation 2: the reader of 2 waits for a second.
    await held.finish();
    expect(await newer).toEqual({ answer: { run: 2 }, stamp: '2 freshness' });
  });

  it('runs one computation at a time per view, however many readers and generations come meanwhile', async () => {
    await read('1', counter({ takesMs: 400 }).compute);
    const held = counter({ held: true, takesMs: 400 });
    const answers = await Promise.all([
      read('2', held.compute),
      read('2', held.compute),
      read('3', held.compute),
    ]);
    expect(answers.map((a) => a.answer.run)).toEqual([1, 1, 1]);
    expect(held.runs).toBe(1);
    await held.finish();
    // The next reader after it finished starts the one for generation 3 (and gets generation 2's).
    expect(await read('3', held.compute)).toEqual({ answer: { run: 1 }, stamp: '2 freshness' });
    expect(held.runs).toBe(2);
    // Another view has its own.
    const other = read('3', held.compute, { ...ABSOLUTE, status: ['Failed'] });
    expect(held.runs).toBe(3);
    await held.finish();
    expect((await other).answer.run).toBe(3);
  });

  it('never serves a kept answer older than a few seconds: the reader waits for the new one', async () => {
    await read('1', counter({ takesMs: 400 }).compute);
    vi.setSystemTime(Date.now() + 11_000);
    const next = counter({ takesMs: 400 });
    expect(await read('2', next.compute)).toEqual({ answer: { run: 1 }, stamp: '2 freshness' });
    expect(next.runs).toBe(1);
  });

  it('keeps a relative window current for seconds only, even while the store is unchanged', async () => {
    const reads = counter();
    await read('1', reads.compute, RELATIVE);
    vi.setSystemTime(Date.now() + 4_000);
    expect((await read('1', reads.compute, RELATIVE)).answer.run).toBe(1);
    vi.setSystemTime(Date.now() + 2_000);
    expect((await read('1', reads.compute, RELATIVE)).answer.run).toBe(2);
  });
});
