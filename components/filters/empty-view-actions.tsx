'use client';

import { useTranslations } from 'next-intl';
import { CLEARED_VALUE_FILTERS, valueFilterCount } from '@/lib/active-filters';
import { useTaskFilters } from './use-task-filters';

/** The window Alibaba Cloud itself keeps: the likeliest place for a task (the store reaches further back). */
const WIDEST_RANGE = { from: 'now-3d', to: 'now' } as const;

const BUTTON =
  'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-sky-800 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-900 dark:text-sky-300 dark:hover:bg-slate-800';

/**
 * The likely ways out of an empty view: a wider time range (the 3 days Alibaba Cloud keeps), or fewer
 * filters. Each is offered only when it would change the view; both write the address bar.
 */
export function EmptyViewActions() {
  const t = useTranslations('EmptyViewActions');
  const [filters, setFilters] = useTaskFilters();
  const canWiden = filters.from !== WIDEST_RANGE.from || filters.to !== WIDEST_RANGE.to;
  const filterCount = valueFilterCount(filters);
  if (!canWiden && filterCount === 0) return null;
  return (
    <div className="flex flex-wrap justify-center gap-2">
      {canWiden ? (
        <button type="button" className={BUTTON} onClick={() => setFilters({ ...WIDEST_RANGE, page: null })}>
          {t('widen')}
        </button>
      ) : null}
      {filterCount > 0 ? (
        <button type="button" className={BUTTON} onClick={() => setFilters(CLEARED_VALUE_FILTERS)}>
          {t('clear', { count: filterCount })}
        </button>
      ) : null}
    </div>
  );
}
