import { describe, expect, it } from 'vitest';
import { inputValueToIso, isoToInputValue } from './datetime-input';

describe('datetime-local conversions', () => {
  const ms = Date.parse('2026-11-28T08:30:15Z');

  it('round-trips in UTC mode', () => {
    expect(isoToInputValue(ms, 'utc')).toBe('2026-11-28T08:30:15');
    expect(inputValueToIso('2026-11-28T08:30:15', 'utc')).toBe('2026-11-28T08:30:15Z');
  });

  it('round-trips in local mode, whatever the zone', () => {
    expect(inputValueToIso(isoToInputValue(ms, 'local'), 'local')).toBe('2026-11-28T08:30:15Z');
  });

  it('accepts minutes without seconds and refuses junk', () => {
    expect(inputValueToIso('2026-11-28T08:30', 'utc')).toBe('2026-11-28T08:30:00Z');
    expect(inputValueToIso('tomorrow', 'utc')).toBeNull();
  });
});
