import { describe, expect, it } from 'vitest';
import { isoSeconds, isTimeExpression, resolveTime, resolveWindow } from './time-range';

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
  const DAY = 86_400_000;
  const history = now - 30 * DAY;

  it('keeps a window inside history, in whole seconds', () => {
    const result = resolveWindow('now-24h', 'now', now, history);
    expect(result).toEqual({
      ok: true,
      window: {
        startMs: Date.parse('2026-11-27T12:00:00Z'),
        endMs: Date.parse('2026-11-28T12:00:01Z'),
        clamped: false,
      },
    });
  });

  it('clamps a start before the start of history and says so', () => {
    const result = resolveWindow('now-60d', 'now', now, history);
    if (!result.ok) throw new Error('expected a window');
    expect(result.window.clamped).toBe(true);
    expect(result.window.startMs).toBe(Math.ceil(history / 1000) * 1000);
  });

  it('takes a start at the very edge of history without calling it clamped', () => {
    const result = resolveWindow('now-30d', 'now', now, history);
    if (!result.ok) throw new Error('expected a window');
    expect(result.window.clamped).toBe(false);
    expect(result.window.startMs).toBeGreaterThanOrEqual(history);
  });

  it("reaches past the upstream's 3 days", () => {
    const result = resolveWindow('now-7d', 'now', now, history);
    if (!result.ok) throw new Error('expected a window');
    expect(result.window).toMatchObject({
      startMs: Math.floor((now - 7 * DAY) / 1000) * 1000,
      clamped: false,
    });
  });

  it('caps the end at now', () => {
    const result = resolveWindow('now-1h', '2030-01-01T00:00:00Z', now, history);
    if (!result.ok) throw new Error('expected a window');
    expect(result.window.endMs).toBe(Math.ceil(now / 1000) * 1000);
  });

  it('names the field at fault and the rule it broke', () => {
    expect(resolveWindow('now', 'now-1h', now, history)).toMatchObject({
      ok: false,
      field: 'from',
      rule: 'not-before-to',
    });
    expect(resolveWindow('bad', 'now', now, history)).toMatchObject({
      ok: false,
      field: 'from',
      rule: 'not-a-time',
    });
    expect(resolveWindow('now-1h', 'bad', now, history)).toMatchObject({
      ok: false,
      field: 'to',
      rule: 'not-a-time',
    });
    expect(resolveWindow('2026-09-01T00:00:00Z', '2026-09-02T00:00:00Z', now, history)).toMatchObject({
      ok: false,
      field: 'to',
      rule: 'before-history',
    });
  });
});

describe('isoSeconds', () => {
  it('formats without fractions', () => {
    expect(isoSeconds(Date.parse('2026-11-28T08:00:00.999Z'))).toBe('2026-11-28T08:00:00Z');
  });
});
