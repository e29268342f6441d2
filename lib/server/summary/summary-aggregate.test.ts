import { describe, expect, it } from 'vitest';
import type { Task } from '@/lib/task';
import { RowSummary, summaryOfRows } from '@/testing/row-aggregation';
import { bucketSizeFor, pathPrefix, rankingFocus } from './summary-aggregate';

const HOUR = 3_600_000;
const end = Date.parse('2026-11-28T12:00:00Z');
const window24h = { startMs: end - 24 * HOUR, endMs: end, clamped: false };

let nextId = 1;
function task(overrides: Partial<Task> & { minutesAgo: number }): Task {
  const { minutesAgo, ...rest } = overrides;
  const domain = rest.domain ?? 'a.com';
  return {
    taskId: String(nextId++),
    objectPath: `http://${domain}/img/2026/x${nextId}.jpg`,
    objectType: 'file',
    status: 'Complete',
    progress: 100,
    createdAt: new Date(end - minutesAgo * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    domain,
    description: null,
    reason: null,
    ...rest,
  };
}

const timeout = (minutesAgo: number, domain = 'img.shop.com'): Task =>
  task({
    minutesAgo,
    domain,
    status: 'Failed',
    progress: 0,
    description: 'Origin Timeout',
    reason: 'origin-timeout',
  });

describe('bucketSizeFor', () => {
  it('fits the bucket to the window', () => {
    expect(bucketSizeFor({ startMs: 0, endMs: HOUR, clamped: false })).toBe(HOUR / 60);
    expect(bucketSizeFor({ startMs: 0, endMs: 6 * HOUR, clamped: false })).toBe(5 * 60_000);
    expect(bucketSizeFor(window24h)).toBe(30 * 60_000);
    expect(bucketSizeFor({ startMs: 0, endMs: 72 * HOUR, clamped: false })).toBe(HOUR);
  });
});

describe('pathPrefix', () => {
  it('keeps the domain and up to two directories', () => {
    expect(pathPrefix({ domain: 'a.com', objectPath: 'https://a.com/products/2026/SKU-1/main.jpg' })).toBe(
      'a.com/products/2026/',
    );
    expect(pathPrefix({ domain: 'a.com', objectPath: 'https://a.com/index.html' })).toBe('a.com/');
    expect(pathPrefix({ domain: 'a.com', objectPath: 'https://a.com/css/' })).toBe('a.com/css/');
  });
});

describe('rankingFocus', () => {
  it('ranks by what the filter is about', () => {
    expect(rankingFocus({ reason: ['origin-timeout'], status: [] })).toBe('originTimeout');
    expect(rankingFocus({ reason: [], status: ['Failed'] })).toBe('failed');
    expect(rankingFocus({ reason: ['origin-5xx'], status: [] })).toBe('failed');
    expect(rankingFocus({ reason: [], status: [] })).toBe('total');
  });
});

describe('the summary of a set of rows', () => {
  const rows: Task[] = [
    ...Array.from({ length: 40 }, (_, i) =>
      task({ minutesAgo: 10 + i * 30, domain: i % 2 ? 'a.com' : 'b.com' }),
    ),
    task({ minutesAgo: 5, status: 'Refreshing', progress: 35 }),
    task({ minutesAgo: 6, status: 'Pending', progress: 0 }),
    task({ minutesAgo: 7, status: 'Refreshing', progress: 99.5 }),
    // A cluster: 12 Origin Timeouts on one domain within one hour, 3 hours ago.
    ...Array.from({ length: 12 }, (_, i) => timeout(180 + i * 4)),
    timeout(900, 'b.com'),
    task({
      minutesAgo: 300,
      status: 'Failed',
      progress: 0,
      description: 'Internal Error',
      reason: 'internal-error',
    }),
  ];
  const summary = summaryOfRows(
    rows,
    window24h,
    { reason: [], status: [] },
    { partial: false, fetchedAt: 'T' },
  );

  it('counts by status, reason and type', () => {
    expect(summary.total).toBe(rows.length);
    expect(summary.byStatus).toEqual({ Complete: 40, Refreshing: 2, Pending: 1, Failed: 14 });
    expect(summary.byReason).toEqual({ 'origin-timeout': 13, 'internal-error': 1 });
    expect(summary.byType).toEqual({ file: rows.length });
  });

  it('lays every task on the timeline exactly once', () => {
    expect(summary.timeline).toHaveLength(48);
    const counted = summary.timeline.reduce(
      (sum, b) => sum + b.Complete + b.Failed + b.Refreshing + b.Pending + b.Timeout + b.Canceled,
      0,
    );
    expect(counted).toBe(rows.length);
  });

  it('gives Timeout and Canceled their own series, so the buckets add up to the total', () => {
    const mixed = [
      task({ minutesAgo: 30, status: 'Timeout', progress: 0 }),
      task({ minutesAgo: 30, status: 'Canceled', progress: 0 }),
      task({ minutesAgo: 90, status: 'Canceled', progress: 0 }),
      task({ minutesAgo: 90 }),
    ];
    const { timeline, total } = summaryOfRows(
      mixed,
      window24h,
      { reason: [], status: [] },
      { partial: false, fetchedAt: 'T' },
    );
    const sum = (status: keyof (typeof timeline)[number]) =>
      timeline.reduce((n, bucket) => n + Number(bucket[status]), 0);
    expect(sum('Timeout')).toBe(1);
    expect(sum('Canceled')).toBe(2);
    expect(sum('Complete') + sum('Timeout') + sum('Canceled')).toBe(total);
  });

  it('bins in-flight progress', () => {
    expect(summary.progress).toHaveLength(10);
    expect(summary.progress[0]).toEqual({ from: 0, to: 10, count: 1 });
    expect(summary.progress[3]?.count).toBe(1);
    expect(summary.progress[9]?.count).toBe(1);
  });

  it('ranks domains by total when unfiltered, by Origin Timeouts when that is the filter', () => {
    expect(summary.topDomains[0]?.domain).toMatch(/a\.com|b\.com/);
    const triage = summaryOfRows(
      rows,
      window24h,
      { reason: ['origin-timeout'], status: [] },
      { partial: false, fetchedAt: 'T' },
    );
    expect(triage.topDomains[0]).toEqual({
      domain: 'img.shop.com',
      total: 12,
      failed: 12,
      originTimeout: 12,
    });
    expect(triage.topPrefixes[0]).toEqual({
      prefix: 'img.shop.com/img/2026/',
      failed: 12,
      originTimeout: 12,
    });
  });

  it('finds the Origin Timeout spike and not the background', () => {
    expect(summary.spikes.length).toBeGreaterThan(0);
    const spike = summary.spikes[0];
    expect(spike?.reason).toBe('origin-timeout');
    expect(spike?.count).toBeGreaterThanOrEqual(10);
    expect(Date.parse(spike?.start ?? '')).toBeLessThanOrEqual(
      end - 180 * 60_000 - 44 * 60_000 + 30 * 60_000,
    );
    expect(summary.spikes.some((s) => s.reason === 'internal-error')).toBe(false);
  });
});

describe('a summary fed page by page', () => {
  const rows = Array.from({ length: 30 }, (_, i) =>
    i % 3 ? task({ minutesAgo: i * 20 }) : timeout(i * 20, i % 2 ? 'a.com' : 'img.shop.com'),
  );
  const meta = { partial: false, fetchedAt: 'T' };

  it('gives, page by page, the same summary as one pass', () => {
    const incremental = new RowSummary(window24h, { reason: [], status: [] });
    incremental.add(rows.slice(0, 11));
    incremental.add(rows.slice(11));
    expect(incremental.summary(meta)).toEqual(
      summaryOfRows(rows, window24h, { reason: [], status: [] }, meta),
    );
  });

  it('hands out snapshots that later pages do not change', () => {
    const aggregator = new RowSummary(window24h, { reason: [], status: [] });
    aggregator.add(rows.slice(0, 10));
    const early = aggregator.summary(meta);
    const earlyTimeline = JSON.stringify(early.timeline);
    aggregator.add(rows.slice(10));
    expect(early.total).toBe(10);
    expect(JSON.stringify(early.timeline)).toBe(earlyTimeline);
    expect(aggregator.summary(meta).total).toBe(30);
  });
});
