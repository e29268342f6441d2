import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, type TaskQuery, toTaskQuery } from '@/lib/filters';
import type { Task } from '@/lib/task';
import { fakeUpstream, syntheticTasks } from '@/lib/testing/fake-upstream';
import { compareNewestFirst } from './plan';
import { CallBudget, TaskStream } from './task-streams';
import { listTasks } from './tasks';

const window = { startMs: 0, endMs: Date.parse('2026-11-29T00:00:00Z'), clamped: false };
const query = (overrides: Partial<TaskQuery>): TaskQuery => ({
  ...toTaskQuery(DEFAULT_FILTERS),
  ...overrides,
});

/** What the answer must be, computed directly from the data. */
function expected(all: Task[], keep: (t: Task) => boolean, page: number, size: number) {
  const rows = all.filter(keep).sort(compareNewestFirst);
  return { total: rows.length, ids: rows.slice((page - 1) * size, page * size).map((t) => t.taskId) };
}

describe('listTasks', () => {
  const all = syntheticTasks(1500);

  it('answers a plain query with one upstream call', async () => {
    const upstream = fakeUpstream(all);
    const result = await listTasks(query({ page: 2, size: 50 }), window, upstream.describe);
    expect(upstream.calls).toHaveLength(1);
    expect(upstream.calls[0]).toMatchObject({ pageNumber: 2, pageSize: 50 });
    const want = expected(all, () => true, 2, 50);
    expect(result.total).toBe(want.total);
    expect(result.tasks.map((t) => t.taskId)).toEqual(want.ids);
  });

  it.each([1, 2, 7, 30])('merges a fan-out exactly on page %i', async (page) => {
    const upstream = fakeUpstream(all);
    const result = await listTasks(
      query({ status: ['Failed', 'Complete'], domain: ['a.com', 'b.com'], page, size: 20 }),
      window,
      upstream.describe,
    );
    const want = expected(
      all,
      (t) => ['Failed', 'Complete'].includes(t.status) && ['a.com', 'b.com'].includes(t.domain),
      page,
      20,
    );
    expect(result.partial).toBe(false);
    expect(result.total).toBe(want.total);
    expect(result.tasks.map((t) => t.taskId)).toEqual(want.ids);
  });

  it('post-filters reason and q with an exact total', async () => {
    const upstream = fakeUpstream(all);
    const result = await listTasks(
      query({ reason: ['origin-timeout'], q: '/p3/', page: 1, size: 20 }),
      window,
      upstream.describe,
    );
    const want = expected(all, (t) => t.reason === 'origin-timeout' && t.objectPath.includes('/p3/'), 1, 20);
    expect(result.total).toBe(want.total);
    expect(result.tasks.map((t) => t.taskId)).toEqual(want.ids);
    expect(upstream.calls.every((call) => call.status === 'Failed')).toBe(true);
  });

  it('gives the same page whichever way it was computed', async () => {
    const viaFanOut = await listTasks(
      query({ status: ['Pending', 'Complete', 'Failed', 'Refreshing'], page: 3 }),
      window,
      fakeUpstream(all).describe,
    );
    const direct = await listTasks(query({ page: 3 }), window, fakeUpstream(all).describe);
    expect(viaFanOut.tasks.map((t) => t.taskId)).toEqual(direct.tasks.map((t) => t.taskId));
    expect(viaFanOut.total).toBe(direct.total);
  });

  it('answers partial instead of overspending the call budget', async () => {
    const upstream = fakeUpstream(syntheticTasks(20_000));
    const result = await listTasks(query({ q: 'f1' }), window, upstream.describe, 10);
    expect(result.partial).toBe(true);
    expect(upstream.calls.length).toBeLessThanOrEqual(10);
  });

  it('keeps a row once when new tasks push it onto the next page mid-read', async () => {
    const rows = syntheticTasks(300);
    const upstream = fakeUpstream(rows);
    const growing = async (params: Parameters<typeof upstream.describe>[0]) => {
      // After the first page, a new task arrives at the top and shifts every later page by one.
      if (upstream.calls.length === 1) {
        rows.push({ ...(rows[0] as Task), taskId: '999999', createdAt: '2026-11-29T00:00:00Z' });
      }
      return upstream.describe(params);
    };
    // Pages 2 and 3 are read after the shift: the last row of page 1 comes back, once too often.
    const result = await listTasks(query({ q: 'http', size: 100, page: 1 }), window, growing);
    expect(result.total).toBe(299);
    const stream = new TaskStream({}, growing);
    const budget = new CallBudget(10);
    const sequential: string[] = [];
    upstream.calls.length = 0;
    rows.pop();
    while (true) {
      if (stream.needsRead()) await stream.readNextPage(budget);
      const row = stream.take();
      if (!row) break;
      sequential.push(`${row.taskId} ${row.objectPath}`);
    }
    expect(sequential).toHaveLength(300);
    expect(new Set(sequential).size).toBe(300);
  });
});
