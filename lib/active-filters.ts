/** How many filters narrow a view: the number a folded filter panel shows on its button. */
import { DEFAULT_FILTERS, type TaskFilters } from './filters';

type CountedFilters = Pick<
  TaskFilters,
  'from' | 'to' | 'status' | 'type' | 'domain' | 'reason' | 'q' | 'path' | 'task' | 'rg'
>;

/** Every chosen value counts (two statuses are two); the time range counts once when not the default. */
export function activeFilterCount(filters: CountedFilters): number {
  return timeRangeIsDefault(filters) ? valueFilterCount(filters) : valueFilterCount(filters) + 1;
}

/** The filters besides the time range: what "Clear filters" removes. */
export function valueFilterCount(filters: CountedFilters): number {
  const exact = [filters.q, filters.path, filters.task, filters.rg].filter((value) => value !== null);
  return (
    filters.status.length + filters.type.length + filters.domain.length + filters.reason.length + exact.length
  );
}

function timeRangeIsDefault(filters: Pick<TaskFilters, 'from' | 'to'>): boolean {
  return filters.from === DEFAULT_FILTERS.from && filters.to === DEFAULT_FILTERS.to;
}

/** The URL-state patch (null removes a key) that drops the value filters: range and display stay. */
export const CLEARED_VALUE_FILTERS = {
  status: null,
  type: null,
  domain: null,
  reason: null,
  q: null,
  path: null,
  task: null,
  rg: null,
  page: null,
} as const;
