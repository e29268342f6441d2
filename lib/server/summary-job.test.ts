import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, type TaskQuery, toTaskQuery } from '@/lib/filters';
import type { SummarySnapshot } from '@/lib/summary-types';
import { fakeUpstream, syntheticTasks } from '@/lib/testing/fake-upstream';
import { SummaryJob, summaryJobFor } from './summary-job';

const window = { startMs: 0, endMs: Date.parse('2026-11-29T00:00:00Z'), clamped: false };
const query = (overrides: Partial<TaskQuery>): TaskQuery => ({
  ...toTaskQuery(DEFAULT_FILTERS),
  ...overrides,
});

describe('SummaryJob', () => {
  const all = syntheticTasks(2500);

  it('reads every page and counts every matching row', async () => {
    const upstream = fakeUpstream(all);
    const job = new SummaryJob(query({ status: ['Failed'] }), window, upstream.describe, 400);
    const summary = await job.done;
    const failed = all.filter((task) => task.status === 'Failed');
    expect(summary.total).toBe(failed.length);
    expect(summary.partial).toBe(false);
    expect(summary.byReason['origin-timeout']).toBe(
      failed.filter((task) => task.reason === 'origin-timeout').length,
    );
    expect(job.rows).toHaveLength(failed.length);
    expect(job.snapshot.progress).toMatchObject({ done: true, pagesTotal: job.snapshot.progress.pagesRead });
  });

  it('publishes growing snapshots before it is done', async () => {
    const upstream = fakeUpstream(all);
    const job = new SummaryJob(query({}), window, upstream.describe, 400);
    const seen: SummarySnapshot[] = [];
    job.subscribe((snapshot) => seen.push(snapshot));
    await job.done;
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)?.progress.done).toBe(true);
    expect(seen[0]?.summary.total).toBeLessThan(all.length);
    expect(seen.at(-1)?.summary.total).toBe(all.length);
  });

  it('says partial when the budget runs out', async () => {
    const job = new SummaryJob(query({}), window, fakeUpstream(all).describe, 5);
    expect((await job.done).partial).toBe(true);
  });

  it('shares one read between identical queries', async () => {
    const upstream = fakeUpstream(all);
    const first = summaryJobFor(query({ type: ['regex'] }), window, upstream.describe);
    const second = summaryJobFor(query({ type: ['regex'] }), window, upstream.describe);
    expect(second).toBe(first);
    await first.done;
    const calls = upstream.calls.length;
    await summaryJobFor(query({ type: ['regex'] }), window, upstream.describe).done;
    expect(upstream.calls.length).toBe(calls);
  });
});
