'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { EXPORT_ROW_CAP } from '@/lib/export-limits';
import {
  DEFAULT_FILTERS,
  type FilterProblem,
  type TaskFilters,
  tasksHref,
  toApiSearch,
  toDataFilters,
  wholeView,
} from '@/lib/filters';
import { useFormat } from '@/lib/i18n/use-format';
import { taskQueries } from '@/lib/queries';
import { resolveWindow } from '@/lib/time-range';
import { ChartsPlaceholder } from '../charts/charts-placeholder';
import { FilterBar } from '../filters/filter-bar';
import { useTaskFilters } from '../filters/use-task-filters';
import { RESUBMIT_BAR_FRAME } from '../resubmit/resubmit-bar-frame';
import { EmptyResult } from './empty-result';
import { Pagination } from './pagination';
import { refreshIntervalMs } from './refresh-interval';
import { TaskTable, TaskTableSkeleton } from './task-table';
import { useLiveRows } from './use-live-rows';
import { useRowSelection } from './use-row-selection';
import { useStoreChanges } from './use-store-changes';
import { ViewNotices } from './view-notices';
import { ViewToolbar } from './view-toolbar';

const DAY_MS = 86_400_000;

/** recharts is large: the charts arrive as their own chunk after the table, never delaying it. */
const ChartsPanel = dynamic(() => import('../charts/charts-panel'), {
  ssr: false,
  loading: () => (
    <>
      {/* On a phone the charts fold behind a button of this height. */}
      <div
        className="h-[2.375rem] animate-pulse rounded-md bg-slate-200/60 sm:hidden dark:bg-slate-800/60"
        aria-hidden="true"
      />
      <ChartsPlaceholder />
    </>
  ),
});

/** Shows nothing until the sync status first arrives in the browser, so its code can come after. */
const SyncStatus = dynamic(() => import('./sync-status').then((module) => module.SyncStatus), { ssr: false });

/** The details drawer is opened by a click (or a shared `sel` link): its code loads only then. */
const TaskDrawer = dynamic(() => import('./task-drawer').then((module) => module.TaskDrawer));

/**
 * Operators only: their quota and resubmit buttons come as a chunk of their own, after the table,
 * in a frame of the bar's height so that the table does not move under the reader's pointer.
 */
const ResubmitBar = dynamic(() => import('../resubmit/resubmit-bar'), {
  ssr: false,
  loading: () => <div className={RESUBMIT_BAR_FRAME} aria-hidden="true" />,
});

/** The task explorer: filters, table, pagination and details, all driven by the address bar. */
export function TaskExplorer({
  urlProblems,
  historyDays,
  canResubmit = false,
  account = null,
}: {
  /** Keys of the address the page ignored, and the rule each broke (worded in the reader's language). */
  urlProblems: Record<string, FilterProblem>;
  /**
   * With several accounts: the view's account id, also when the address leaves `acct` out (the
   * user's first), so that a copied link opens the same account for whoever opens it.
   */
  account?: string | null;
  /** How many days the store keeps (HISTORY_DAYS): views reach back that far. */
  historyDays: number;
  /** The user is an operator: show the quota, row selection and resubmit buttons. */
  canResubmit?: boolean;
}) {
  const t = useTranslations('TaskExplorer');
  const f = useFormat();
  const [filters, setFilters] = useTaskFilters();
  const [paused, setPaused] = useState(false);
  const rows = useRowSelection();
  const queryClient = useQueryClient();
  const dataFilters = toDataFilters(filters);

  const list = useQuery({
    ...taskQueries.list(dataFilters),
    refetchInterval: refreshIntervalMs(filters.refresh, paused),
  });
  const { data, error } = list;
  const live = useLiveRows(data?.tasks, paused);
  useStoreChanges(paused);

  // The next page is one click away: fetch it while the user reads this one.
  const pageCount = data ? Math.ceil(data.total / data.size) : 0;
  useEffect(() => {
    if (data && !list.isPlaceholderData && dataFilters.page < pageCount) {
      void queryClient.prefetchQuery(taskQueries.list({ ...dataFilters, page: dataFilters.page + 1 }));
    }
  }, [data, list.isPlaceholderData, pageCount, dataFilters, queryClient]);

  const nowMs = Date.now();
  const timeWindow = resolveWindow(filters.from, filters.to, nowMs, nowMs - historyDays * DAY_MS);
  const domainSuggestions = useMemo(
    () => [...new Set([...(data?.tasks.map((task) => task.domain) ?? []), ...filters.domain])].sort(),
    [data, filters.domain],
  );
  const hrefFor = useCallback((next: TaskFilters) => tasksHref(next), []);
  const closeDrawer = useCallback(() => setFilters({ sel: null }), [setFilters]);

  return (
    <div className="flex flex-col gap-3">
      <FilterBar domainSuggestions={domainSuggestions} />
      <ViewToolbar
        filters={account !== null && filters.acct === null ? { ...filters, acct: account } : filters}
        updatedAt={list.dataUpdatedAt}
        fetching={list.isFetching}
        paused={paused}
        onPausedChange={setPaused}
        onChange={(patch) => setFilters(patch)}
        exportHref={`/api/tasks/export${toApiSearch(wholeView(dataFilters))}`}
        exportCap={EXPORT_ROW_CAP}
        total={data?.total ?? null}
        liveCount={live.liveCount}
      />

      {/* The status line's height, kept while its code and first answer arrive: nothing below moves. */}
      <div className="min-h-4">
        <SyncStatus tz={filters.tz} />
      </div>

      {canResubmit ? (
        <ResubmitBar dataFilters={dataFilters} selected={rows.tickedRows} onClearSelection={rows.clear} />
      ) : null}

      <ChartsPanel />

      <ViewNotices
        urlProblems={urlProblems}
        timeWindow={timeWindow}
        historyDays={historyDays}
        resourceGroup={filters.rg}
        tz={filters.tz}
        data={data}
        error={error}
        onRetry={() => list.refetch()}
      />

      {list.isPending && !data && !error ? <TaskTableSkeleton rows={filters.size} /> : null}
      {data && data.tasks.length === 0 ? <EmptyResult /> : null}
      {live.rows && live.rows.length > 0 ? (
        <TaskTable
          tasks={live.rows}
          tz={filters.tz}
          busy={list.isFetching && list.isPlaceholderData}
          selectedId={filters.sel}
          detailHref={(task) => hrefFor({ ...filters, sel: task.taskId })}
          onOpen={(task) => setFilters({ sel: task.taskId })}
          selection={canResubmit ? rows.selection : undefined}
        />
      ) : null}

      {data ? (
        <Pagination
          page={filters.page}
          size={filters.size}
          total={data.total}
          onPageChange={(page) => setFilters({ page })}
          onSizeChange={(size) => setFilters({ size, page: null })}
        />
      ) : null}
      {data ? (
        <p className="text-xs text-slate-500 dark:text-slate-400">
          {t(data.partial ? 'totalAtLeast' : 'total', { count: data.total, total: f.count(data.total) })}
        </p>
      ) : null}

      {filters.sel ? (
        <TaskDrawer
          taskId={filters.sel}
          rowsOnPage={(live.rows ?? []).filter((task) => task.taskId === filters.sel)}
          tz={filters.tz}
          canResubmit={canResubmit}
          onClose={closeDrawer}
          filterLink={(patch) =>
            hrefFor({
              ...DEFAULT_FILTERS,
              tz: filters.tz,
              ...(patch.path ? { path: patch.path, from: `now-${historyDays}d` } : {}),
              ...(patch.domain ? { domain: [patch.domain], from: filters.from, to: filters.to } : {}),
            })
          }
        />
      ) : null}
    </div>
  );
}
