import { describe, expect, it } from 'vitest';
import { activityWindow, readActivityFilter } from './activity-filter';

describe('the /activity filter from the address', () => {
  it('keeps valid values and names the bad ones, passing none of them on', () => {
    const { filter, invalid } = readActivityFilter({
      user: ' olivia ',
      domain: 'IMG.Example.com',
      from: '2026-02-30',
      to: '2026-12-07',
      acct: 'prod',
    });
    expect(filter).toEqual({ user: 'olivia', domain: 'img.example.com', to: '2026-12-07' });
    expect(invalid).toEqual(['from']);
    expect(readActivityFilter({ domain: '<script>', user: ['a', 'b'] }).invalid).toEqual(['user', 'domain']);
    expect(readActivityFilter({ user: '', domain: undefined })).toEqual({ filter: {}, invalid: [] });
  });

  it('reads the days as whole UTC days, both included', () => {
    expect(activityWindow({ from: '2026-12-01', to: '2026-12-07' })).toEqual({
      from: new Date('2026-12-01T00:00:00.000Z'),
      to: new Date('2026-12-07T23:59:59.999Z'),
    });
    expect(activityWindow({})).toEqual({ from: null, to: null });
  });
});
