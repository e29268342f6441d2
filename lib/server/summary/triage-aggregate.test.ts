import { describe, expect, it } from 'vitest';
import type { Task } from '@/lib/task';
import { triageOfRows } from '@/testing/row-aggregation';

const end = Date.parse('2026-11-28T12:00:00Z');
const window = { startMs: end - 6 * 3_600_000, endMs: end, clamped: false };
let id = 0;

function row(domain: string, path: string, minutesAgo: number, reason: Task['reason'] = null): Task {
  return {
    taskId: String(++id),
    objectPath: `https://${domain}${path}`,
    objectType: 'file',
    status: reason ? 'Failed' : 'Complete',
    progress: reason ? 0 : 100,
    createdAt: new Date(end - minutesAgo * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    domain,
    description: reason ? 'Origin Timeout' : null,
    reason,
  };
}

describe('the triage report of a set of rows', () => {
  const rows = [
    ...Array.from({ length: 9 }, (_, i) =>
      row('img.shop.com', `/products/2026/SKU-${i}/main.jpg`, 60 + i, 'origin-timeout'),
    ),
    ...Array.from({ length: 21 }, (_, i) => row('img.shop.com', `/banners/b${i}.png`, 200 + i)),
    row('static.example.com', '/css/app.css', 30, 'origin-timeout'),
    row('static.example.com', '/js/app.js', 31, 'origin-5xx'),
    row('static.example.com', '/index.html', 32),
  ];
  const report = triageOfRows(rows, window, [], { partial: false, fetchedAt: 'T' });

  it('puts the domain and the prefix with the most Origin Timeouts first', () => {
    expect(report.originTimeouts).toBe(10);
    expect(report.byDomain[0]).toMatchObject({ key: 'img.shop.com', count: 9, domainTotal: 30, share: 0.3 });
    expect(report.byPrefix[0]).toMatchObject({
      key: 'img.shop.com/products/2026/',
      path: '/products/2026/',
      count: 9,
    });
  });

  it('gives first and last seen and a sparkline that adds up', () => {
    const top = report.byDomain[0];
    expect(top?.firstSeen).toBe(new Date(end - 68 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    expect(top?.lastSeen).toBe(new Date(end - 60 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    expect(top?.sparkline.reduce((a, b) => a + b, 0)).toBe(9);
    expect(top?.sparkline).toHaveLength(72);
  });

  it('ignores other failures', () => {
    expect(report.byDomain.find((group) => group.domain === 'static.example.com')?.count).toBe(1);
  });
});
