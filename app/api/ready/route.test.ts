import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Readiness } from '@/lib/server/readiness';

const probe = vi.hoisted(() => ({ state: null as Readiness | null, warnings: [] as unknown[] }));
vi.mock('@/lib/server/readiness', () => ({ readiness: async () => probe.state }));
vi.mock('@/lib/server/logger', () => ({
  logger: () => ({ warn: (fields: unknown) => probe.warnings.push(fields), info: () => {} }),
}));

const { GET } = await import('./route');
const { metrics } = await import('@/lib/server/metrics');

beforeEach(() => {
  probe.warnings.length = 0;
});

describe('GET /api/ready', () => {
  it('says ready, and nothing else', async () => {
    probe.state = { ready: true, code: null, checkedAt: '2026-11-29T05:00:00.000Z' };
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
  });

  it('says unready, and nothing else; the upstream code goes to the log and the metrics', async () => {
    probe.state = {
      ready: false,
      code: 'InvalidAccessKeyId.NotFound',
      checkedAt: '2026-11-29T05:00:10.000Z',
    };
    const response = await GET();
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ status: 'unready' });
    expect(text).not.toContain('InvalidAccessKeyId');

    expect(probe.warnings).toEqual([
      expect.objectContaining({ upstreamCode: 'InvalidAccessKeyId.NotFound' }),
    ]);
    const scraped = await metrics().registry.metrics();
    expect(scraped).toContain('cdnmon_ready 0');
    expect(scraped).toContain(
      'cdnmon_ready_checks_total{result="unready",code="InvalidAccessKeyId.NotFound"} 1',
    );

    // The same check reused by the next probe is not reported twice.
    await GET();
    expect(probe.warnings).toHaveLength(1);
  });
});
