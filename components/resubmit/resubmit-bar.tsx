'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { type DataFilters, toApiSearch } from '@/lib/filters';
import { taskQueries } from '@/lib/queries';
import { NewRefreshButton } from '../refresh/new-refresh-button';
import { QuotaSummary } from './quota-summary';
import { RESUBMIT_BAR_FRAME } from './resubmit-bar-frame';
import { ResubmitButton } from './resubmit-button';

interface SelectedRow {
  taskId: string;
  objectPath: string;
}

/**
 * The operator's row above the task table: today's quota, "Resubmit all N failed tasks in this
 * view", "Resubmit N selected" for rows ticked in the table, and "New refresh". Operators only; a chunk of its own.
 */
export default function ResubmitBar({
  dataFilters,
  selected,
  onClearSelection,
}: {
  dataFilters: DataFilters;
  selected: SelectedRow[];
  onClearSelection: () => void;
}) {
  const t = useTranslations('ResubmitBar');
  // The charts read the same summary: one request for both.
  const summary = useQuery(taskQueries.summary(dataFilters));
  // Not while the previous view's numbers stand in for this one's.
  const failed = summary.isPlaceholderData ? 0 : (summary.data?.byStatus.Failed ?? 0);
  return (
    <section
      aria-label={t('label')}
      className={`${RESUBMIT_BAR_FRAME} flex flex-wrap items-center gap-x-4 gap-y-2`}
    >
      <QuotaSummary />
      <div className="flex flex-wrap items-center gap-2 sm:ml-auto">
        {selected.length > 0 ? (
          <>
            <ResubmitButton
              variant="primary"
              label={t('selected', { count: selected.length })}
              title={t('selectedTitle', { count: selected.length })}
              selection={{ kind: 'tasks', tasks: selected }}
              onSubmitted={onClearSelection}
              testId="resubmit-selected"
            />
            <button type="button" className="text-sm underline" onClick={onClearSelection}>
              {t('clearSelection')}
            </button>
          </>
        ) : null}
        {failed > 0 ? (
          <ResubmitButton
            label={t('view', { count: failed })}
            title={t('view', { count: failed })}
            selection={{ kind: 'view', search: toApiSearch({ ...dataFilters, page: 1 }) }}
            testId="resubmit-view"
          />
        ) : null}
        <NewRefreshButton />
      </div>
    </section>
  );
}
