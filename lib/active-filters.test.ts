import { describe, expect, it } from 'vitest';
import { activeFilterCount, valueFilterCount } from './active-filters';
import { DEFAULT_FILTERS, type TaskFilters } from './filters';

describe('activeFilterCount', () => {
  it('is zero for the default view, whatever the display options', () => {
    const view: TaskFilters = { ...DEFAULT_FILTERS, tz: 'utc', refresh: '10s', page: 3 };
    expect(activeFilterCount(view)).toBe(0);
  });

  it('counts each chosen value, each exact filter, and a changed time range once', () => {
    const view: TaskFilters = {
      ...DEFAULT_FILTERS,
      from: 'now-6h',
      status: ['Failed', 'Pending'],
      type: ['file'],
      q: '.jpg',
      task: '123',
    };
    expect(activeFilterCount(view)).toBe(6);
    expect(valueFilterCount(view)).toBe(5);
  });

  it('counts a moved end of the range as a changed range', () => {
    expect(activeFilterCount({ ...DEFAULT_FILTERS, to: 'now-1h' })).toBe(1);
  });
});
