/**
 * Pages found by seeking (task-reads.ts, page-anchors.ts) hold exactly the rows of the ordered full
 * list, on PGlite and PostgreSQL: every page of a view read in turn, backwards, by jumps of any
 * length and at mixed page sizes with one set of anchors, and cold; no row skipped or repeated, and
 * anchors stay true when the window moves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DataFilters, DEFAULT_FILTERS, toDataFilters } from '@/lib/filters';
import type { Task } from '@/lib/task';
import type { ResolvedWindow } from '@/lib/time-range';
import { randomTasks } from '@/testing/random-tasks';
import { openStore, type Store } from './database';
import { compareNewestFirst } from './newest-first.fixture';
import { PageAnchors } from './page-anchors';
import { storeEngines } from './store-engines.fixture';
import { readTaskPage } from './task-reads';
import { upsertTasks } from './task-rows';

const END = Date.parse('2026-11-28T12:00:00Z');
const DAY = 86_400_000;
const ACCOUNT = 'default';
// Many rows share a second, and many a task id: the tie-breaks decide where pages split.
const ROWS = randomTasks(2_500, { seed: 11, endMs: END, spanMs: DAY / 2 });
const WINDOW: ResolvedWindow = { startMs: END - DAY, endMs: END, clamped: false };
const EMPTY: DataFilters = toDataFilters(DEFAULT_FILTERS);

const VIEWS: Array<{ name: string; query: Partial<DataFilters>; keep: (task: Task) => boolean }> = [
  { name: 'no filter', query: {}, keep: () => true },
  { name: 'status=Complete', query: { status: ['Complete'] }, keep: (task) => task.status === 'Complete' },
  {
    name: 'type=file&type=preload',
    query: { type: ['file', 'preload'] },
    keep: (task) => task.objectType === 'file' || task.objectType === 'preload',
  },
];

function within(window: ResolvedWindow) {
  return (task: Task) => {
    const at = Date.parse(task.createdAt);
    return at >= window.startMs && at <= window.endMs;
  };
}

/** A fixed shuffle, so a failure names the same jumps every run. */
function shuffled(values: number[], seed: number): number[] {
  const out = [...values];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as number, out[i] as number];
  }
  return out;
}

describe.each(storeEngines())('deep pages on $name', (engine) => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(await engine.settings());
    await upsertTasks(store.db, ACCOUNT, ROWS);
    await upsertTasks(store.db, 'other-account', ROWS.slice(0, 700));
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await engine.stop();
  });

  async function page(
    query: Partial<DataFilters>,
    number: number,
    size: number,
    anchors?: PageAnchors,
    window = WINDOW,
  ) {
    return readTaskPage(store.db, ACCOUNT, { ...EMPTY, ...query, page: number, size }, window, anchors);
  }

  it.each(VIEWS)('pages through $name in turn: every row once, in list order', async ({ query, keep }) => {
    const expected = ROWS.filter(within(WINDOW)).filter(keep).sort(compareNewestFirst);
    expect(expected.length).toBeGreaterThan(200);
    const anchors = new PageAnchors();
    const seen: Task[] = [];
    const size = 20;
    const pages = Math.ceil(expected.length / size);
    for (let number = 1; number <= pages + 1; number++) {
      const answer = await page(query, number, size, anchors);
      expect(answer.total).toBe(expected.length);
      expect(answer.tasks).toEqual(expected.slice((number - 1) * size, number * size));
      seen.push(...answer.tasks);
    }
    expect(seen).toEqual(expected);
  });

  it.each(VIEWS)(
    'answers $name backwards, by jumps and at mixed sizes from one set of anchors',
    async ({ query, keep }) => {
      const expected = ROWS.filter(within(WINDOW)).filter(keep).sort(compareNewestFirst);
      const anchors = new PageAnchors();
      const last = Math.ceil(expected.length / 20);
      for (let number = last; number >= 1; number--) {
        const answer = await page(query, number, 20, anchors);
        expect(answer.tasks).toEqual(expected.slice((number - 1) * 20, number * 20));
      }
      const jumps = shuffled(
        Array.from({ length: last }, (_, i) => i + 1),
        7,
      ).slice(0, 40);
      for (const [i, number] of jumps.entries()) {
        const size = [20, 50, 100][i % 3] as number;
        const answer = await page(query, number, size, anchors);
        expect(answer.tasks).toEqual(expected.slice((number - 1) * size, number * size));
      }
    },
  );

  it.each(VIEWS)('answers any page of $name cold, with nothing remembered', async ({ query, keep }) => {
    const expected = ROWS.filter(within(WINDOW)).filter(keep).sort(compareNewestFirst);
    const last = Math.ceil(expected.length / 50);
    for (const number of [2, 3, Math.floor(last / 2), last - 1, last, last + 1, last + 40]) {
      const answer = await page(query, number, 50);
      expect(answer.tasks).toEqual(expected.slice((number - 1) * 50, number * 50));
    }
  });

  it('keeps its anchors true when the window gains newer rows, or loses its oldest', async () => {
    const anchors = new PageAnchors();
    const narrow = { startMs: END - 8 * 3_600_000, endMs: END - 2 * 3_600_000, clamped: false };
    const later = { ...narrow, endMs: END };
    const shorter = { ...later, startMs: END - 5 * 3_600_000 };
    for (const window of [narrow, later, shorter, later, narrow]) {
      const expected = ROWS.filter(within(window)).sort(compareNewestFirst);
      expect(expected.length).toBeGreaterThan(100);
      for (const number of [1, 2, 3, 5, 4, 8]) {
        const answer = await page({}, number, 20, anchors, window);
        expect(answer.tasks).toEqual(expected.slice((number - 1) * 20, number * 20));
      }
    }
  });
});
