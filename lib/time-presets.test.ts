import { describe, expect, it } from 'vitest';
import { describeRange } from './time-presets';

describe('describeRange', () => {
  it('names a preset range by its preset', () => {
    expect(describeRange('now-24h', 'now')).toEqual({ preset: 'now-24h' });
    expect(describeRange('now-3d', 'now')).toEqual({ preset: 'now-3d' });
  });

  it('gives any other range as typed, also a preset start with another end', () => {
    expect(describeRange('now-2h', 'now')).toEqual({ from: 'now-2h', to: 'now' });
    expect(describeRange('now-24h', 'now-1h')).toEqual({ from: 'now-24h', to: 'now-1h' });
    expect(describeRange('2026-11-28T08:00:00Z', '2026-11-28T09:00:00Z')).toEqual({
      from: '2026-11-28T08:00:00Z',
      to: '2026-11-28T09:00:00Z',
    });
  });
});
