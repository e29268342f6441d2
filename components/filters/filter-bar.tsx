'use client';

import { TASK_STATUSES, TASK_TYPES } from '@/lib/task';
import { DomainFilter } from './domain-filter';
import { TimeRangeSelect } from './time-range-select';
import { ToggleGroup } from './toggle-group';
import { useTaskFilters } from './use-task-filters';

export function FilterBar({ domainSuggestions }: { domainSuggestions: string[] }) {
  const [filters, setFilters] = useTaskFilters();
  // Any filter change starts again at page 1; the old page number means nothing for new rows.
  const update = (patch: Partial<typeof filters>) => setFilters({ ...patch, page: null, sel: null });
  const active =
    filters.status.length + filters.type.length + filters.domain.length > 0 || filters.from !== 'now-24h';

  return (
    <section
      aria-label="Filters"
      className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
    >
      <TimeRangeSelect from={filters.from} to={filters.to} onChange={(range) => update(range)} />
      <ToggleGroup
        label="Status"
        options={TASK_STATUSES}
        selected={filters.status}
        onChange={(status) => update({ status })}
      />
      <ToggleGroup
        label="Type"
        options={TASK_TYPES}
        selected={filters.type}
        onChange={(type) => update({ type })}
      />
      <DomainFilter
        selected={filters.domain}
        suggestions={domainSuggestions}
        onChange={(domain) => update({ domain })}
      />
      {active ? (
        <button
          type="button"
          onClick={() => setFilters(null)}
          className="ml-auto text-sm text-sky-700 underline-offset-2 hover:underline dark:text-sky-400"
        >
          Reset filters
        </button>
      ) : null}
    </section>
  );
}
