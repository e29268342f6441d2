import { describe, expect, it } from 'vitest';
import { isTimeExpression, RETENTION_MS, resolveTime, resolveWindow, toUpstreamTime } from './time-range';

const now = Date.parse('2026-11-28T12:00:00.250Z');

describe('time expressions', () => {
  it.each([
    'now',
    'now-15m',
    'now-6h',
    'now-24h',
    'now-3d',
    'now-30s',
    '2026-11-28T08:00:00Z',
    '2026-11-28T08:00Z',
  ])('accepts %s', (expression) => expect(isTimeExpression(expression)).toBe(true));

  it.each([
    '',
    'yesterday',
    'now-',
    'now-6x',
    'now+1h',
    '2026-11-28',
    '2026-13-45T99:00:00Z',
    'now-1h; drop',
  ])('refuses %j', (expression) => expect(isTimeExpression(expression)).toBe(false));

  it('resolves relative and absolute times', () => {
    expect(resolveTime('now', now)).toBe(now);
    expect(resolveTime('now-6h', now)).toBe(now - 6 * 3_600_000);
    expect(resolveTime('2026-11-28T16:00:00+08:00', now)).toBe(Date.parse('2026-11-28T08:00:00Z'));
    expect(resolveTime('soon', now)).toBeNull();
  });
});

describe('resolveWindow', () => {
  it('keeps a window inside retention, in whole seconds', () => {
    const result = resolveWindow('now-24h', 'now', now);
    expect(result).toEqual({
      ok: true,
      window: {
        startMs: Date.parse('2026-11-27T12:00:00Z'),
        endMs: Date.parse('2026-11-28T12:00:01Z'),
        clamped: false,
      },
    });
  });

  it('clamps a start before the 3-day retention and says so', () => {
    const result = resolveWindow('now-7d', 'now', now);
    if (!result.ok) throw new Error('expected a window');
    expect(result.window.clamped).toBe(true);
    expect(result.window.startMs).toBeGreaterThan(now - RETENTION_MS);
    expect(result.window.startMs % 1000).toBe(0);
  });

  it('moves "now-3d" just inside retention without calling it clamped', () => {
    const result = resolveWindow('now-3d', 'now', now);
    if (!result.ok) throw new Error('expected a window');
    expect(result.window.clamped).toBe(false);
    expect(result.window.startMs).toBeGreaterThan(now - RETENTION_MS);
  });

  it('caps the end at now', () => {
    const result = resolveWindow('now-1h', '2030-01-01T00:00:00Z', now);
    if (!result.ok) throw new Error('expected a window');
    expect(result.window.endMs).toBe(Math.ceil(now / 1000) * 1000);
  });

  it('names the field at fault', () => {
    expect(resolveWindow('now', 'now-1h', now)).toMatchObject({ ok: false, field: 'from' });
    expect(resolveWindow('bad', 'now', now)).toMatchObject({ ok: false, field: 'from' });
    expect(resolveWindow('now-1h', 'bad', now)).toMatchObject({ ok: false, field: 'to' });
    expect(resolveWindow('2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z', now)).toMatchObject({
      ok: false,
      field: 'to',
    });
  });
});

describe('toUpstreamTime', () => {
  it('formats without fractions', () => {
    expect(toUpstreamTime(Date.parse('2026-11-28T08:00:00.999Z'))).toBe('2026-11-28T08:00:00Z');
  });
});
