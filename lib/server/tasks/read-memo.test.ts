import { beforeEach, describe, expect, it } from 'vitest';
import { type DataFilters, DEFAULT_FILTERS, toDataFilters } from '@/lib/filters';
import { forgetMemoisedReads, memoisedRead } from './read-memo';

const WINDOW = { startMs: 1_000, endMs: 2_000, clamped: false };
const ABSOLUTE: DataFilters = {
  ...toDataFilters(DEFAULT_FILTERS),
  from: '2026-11-28T00:00:00Z',
  to: '2026-11-29T00:00:00Z',
};

/** A computation that counts its runs, so a test can tell a kept answer from a new one. */
function counter() {
  let runs = 0;
  return {
    get runs() {
      return runs;
    },
    compute: async () => {
      runs += 1;
      return { run: runs };
    },
  };
}

describe('memoisedRead', () => {
  beforeEach(() => forgetMemoisedReads());

  it('computes once for readers asking at the same time, and keeps the answer while the store is unchanged', async () => {
    const reads = counter();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => memoisedRead('list', 'default', ABSOLUTE, WINDOW, 'g1', reads.compute)),
    );
    expect(answers.map((a) => a.run)).toEqual([1, 1, 1, 1, 1]);
    expect((await memoisedRead('list', 'default', ABSOLUTE, WINDOW, 'g1', reads.compute)).run).toBe(1);
    expect(reads.runs).toBe(1);
  });

  it('computes again when the store changed, or for another read, account, filter or window', async () => {
    const reads = counter();
    await memoisedRead('list', 'default', ABSOLUTE, WINDOW, 'g1', reads.compute);
    await memoisedRead('list', 'default', ABSOLUTE, WINDOW, 'g2', reads.compute);
    await memoisedRead('summary', 'default', ABSOLUTE, WINDOW, 'g2', reads.compute);
    await memoisedRead('summary', 'staging', ABSOLUTE, WINDOW, 'g2', reads.compute);
    await memoisedRead(
      'summary',
      'staging',
      { ...ABSOLUTE, status: ['Failed'] },
      WINDOW,
      'g2',
      reads.compute,
    );
    await memoisedRead('summary', 'staging', ABSOLUTE, { ...WINDOW, startMs: 500 }, 'g2', reads.compute);
    expect(reads.runs).toBe(6);
  });

  it('keeps no failure: the next reader tries again', async () => {
    let fail = true;
    const compute = async () => {
      if (fail) throw new Error('store down');
      return { ok: true };
    };
    await expect(memoisedRead('triage', 'default', ABSOLUTE, WINDOW, 'g1', compute)).rejects.toThrow(
      'store down',
    );
    fail = false;
    expect(await memoisedRead('triage', 'default', ABSOLUTE, WINDOW, 'g1', compute)).toEqual({ ok: true });
  });
});
