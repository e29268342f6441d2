'use client';

import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { activeFilterCount } from '@/lib/active-filters';
import { DEFAULT_FILTERS } from '@/lib/filters';
import { useDomainLabels } from '@/lib/i18n/use-domain-labels';
import { FAILURE_REASONS, OFFERED_STATUSES, OFFERED_TYPES } from '@/lib/task';
import { PhoneFoldButton } from '../ui/phone-fold-button';
import { SURFACE } from '../ui/surface';
import { DomainFilter } from './domain-filter';
import { SearchFilter } from './search-filter';
import { TimeRangePicker } from './time-range-picker';
import { ToggleGroup } from './toggle-group';
import { useTaskFilters } from './use-task-filters';

/**
 * Every data filter of the URL contract; display options (tz, refresh) live in the toolbar. On a
 * phone the panel would fill the first screen, so there it folds behind a button that says how
 * many filters are active.
 */
export function FilterBar({ domainSuggestions }: { domainSuggestions: string[] }) {
  const t = useTranslations('FilterBar');
  const labels = useDomainLabels();
  const [filters, setFilters] = useTaskFilters();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  // Any filter change starts again at page 1; the old page number means nothing for new rows.
  const update = (patch: Partial<typeof filters>) => setFilters({ ...patch, page: null });
  const activeCount = activeFilterCount(filters);

  return (
    <>
      <PhoneFoldButton
        open={open}
        onToggle={() => setOpen((value) => !value)}
        controls={panelId}
        testId="filters-toggle"
      >
        <span>
          {t('toggle')}
          {activeCount > 0 ? <span className="tabular-nums"> ({activeCount})</span> : null}
        </span>
      </PhoneFoldButton>
      <section
        id={panelId}
        aria-label={t('label')}
        className={`${SURFACE} ${open ? 'flex' : 'hidden'} flex-col gap-3 p-3 sm:flex`}
      >
        <div className="flex flex-wrap items-end gap-4">
          <TimeRangePicker
            from={filters.from}
            to={filters.to}
            tz={filters.tz}
            onChange={(range) => update(range)}
          />
          <SearchFilter value={filters.q} onChange={(q) => update({ q })} />
          <DomainFilter
            selected={filters.domain}
            suggestions={domainSuggestions}
            onChange={(domain) => update({ domain })}
          />
          {activeCount > 0 ? (
            <button
              type="button"
              onClick={() =>
                setFilters({ ...DEFAULT_FILTERS, tz: filters.tz, refresh: filters.refresh, sel: null })
              }
              className="text-sm text-sky-700 underline-offset-2 hover:underline sm:ml-auto dark:text-sky-400"
            >
              {t('reset')}
            </button>
          ) : null}
        </div>
        <div className="flex flex-wrap items-start gap-4">
          <ToggleGroup
            label={t('status')}
            options={OFFERED_STATUSES}
            labelOf={labels.status}
            selected={filters.status}
            onChange={(status) => update({ status })}
          />
          <ToggleGroup
            label={t('type')}
            options={OFFERED_TYPES}
            labelOf={labels.type}
            selected={filters.type}
            onChange={(type) => update({ type })}
          />
          <ToggleGroup
            label={t('reason')}
            options={FAILURE_REASONS}
            labelOf={labels.reason}
            selected={filters.reason}
            onChange={(reason) => update({ reason })}
          />
        </div>
        {filters.path || filters.task || filters.rg ? (
          <ul aria-label={t('exact')} className="flex flex-wrap gap-2 text-xs">
            {(['task', 'path', 'rg'] as const).map((key) =>
              filters[key] ? (
                <li key={key}>
                  <button
                    type="button"
                    onClick={() => update({ [key]: null })}
                    className="rounded-full bg-slate-200 px-2 py-0.5 font-mono dark:bg-slate-700"
                    aria-label={t('removeExact', { key })}
                  >
                    {key}={filters[key]} ×
                  </button>
                </li>
              ) : null,
            )}
          </ul>
        ) : null}
      </section>
    </>
  );
}
