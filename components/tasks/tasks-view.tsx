'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { ApiError } from '@/lib/api-client';
import { toTaskQuery } from '@/lib/filters';
import { formatCount } from '@/lib/format';
import { taskQueries } from '@/lib/queries';
import { resolveWindow } from '@/lib/time-range';
import { FilterBar } from '../filters/filter-bar';
import { useTaskFilters } from '../filters/use-task-filters';
import { Notice } from '../ui/notice';
import { Pagination } from './pagination';
import { TaskTable, TaskTableSkeleton } from './task-table';

/** The task explorer: filters, table and pagination, all driven by the address bar. */
export function TasksView({ urlProblems }: { urlProblems: Record<string, string> }) {
  const [filters, setFilters] = useTaskFilters();
  const query = toTaskQuery(filters);
  const { data, error, isPending, isFetching, isPlaceholderData, refetch } = useQuery(
    taskQueries.list(query),
  );
  const [problemsDismissed, setProblemsDismissed] = useState(false);

  const timeWindow = resolveWindow(filters.from, filters.to, Date.now());
  const domainSuggestions = useMemo(
    () => [...new Set([...(data?.tasks.map((task) => task.domain) ?? []), ...filters.domain])].sort(),
    [data, filters.domain],
  );
  const problemKeys = Object.keys(urlProblems);

  return (
    <div className="flex flex-col gap-3">
      <FilterBar domainSuggestions={domainSuggestions} />

      {problemKeys.length > 0 && !problemsDismissed ? (
        <Notice
          tone="warning"
          testId="url-problems"
          action={
            <button type="button" className="text-sm underline" onClick={() => setProblemsDismissed(true)}>
              Dismiss
            </button>
          }
        >
          <p className="font-medium">Some values in the address were not understood and were ignored:</p>
          <ul className="mt-1 list-disc pl-5">
            {problemKeys.map((key) => (
              <li key={key}>
                <code>{key}</code>: {urlProblems[key]}
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}

      {timeWindow.ok && timeWindow.window.clamped ? (
        <Notice tone="info" testId="window-clamped">
          Alibaba Cloud keeps tasks for 3 days only, so the time range starts at the oldest kept task.
        </Notice>
      ) : null}

      {data?.partial ? (
        <Notice tone="warning" testId="partial-result">
          This view needs more calls to Alibaba Cloud than one request may make, so the total and rows are
          incomplete. Narrow the time range or add a type, status or domain.
        </Notice>
      ) : null}

      {error && !data ? <ErrorNotice error={error} onRetry={() => refetch()} /> : null}
      {error && data ? (
        <Notice tone="warning" testId="stale-data">
          Showing the last rows that loaded: the latest refresh failed ({describeError(error)}).
        </Notice>
      ) : null}

      {isPending && !data ? <TaskTableSkeleton rows={filters.size} /> : null}
      {data && data.tasks.length === 0 ? (
        <Notice tone="info" testId="empty-result">
          No tasks match these filters. Try a wider time range or fewer filters.
        </Notice>
      ) : null}
      {data && data.tasks.length > 0 ? (
        <TaskTable tasks={data.tasks} tz={filters.tz} busy={isFetching && isPlaceholderData} />
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
          {formatCount(data.total)} tasks · fetched {new Date(data.fetchedAt).toLocaleTimeString()}
        </p>
      ) : null}
    </div>
  );
}

function describeError(error: Error): string {
  if (error instanceof ApiError) {
    const upstream = error.body.upstream;
    return upstream
      ? `${upstream.code}${upstream.requestId ? `, request ${upstream.requestId}` : ''}`
      : error.body.code;
  }
  return error.message;
}

function ErrorNotice({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const body = error instanceof ApiError ? error.body : null;
  return (
    <Notice
      tone="error"
      testId="load-error"
      action={
        <button
          type="button"
          onClick={onRetry}
          className="rounded-md border border-current px-2 py-1 text-sm"
        >
          Retry
        </button>
      }
    >
      <p className="font-medium">{body?.message ?? 'The tasks could not be loaded.'}</p>
      {body?.upstream ? (
        <p className="mt-1 font-mono text-xs">
          Upstream code {body.upstream.code}
          {body.upstream.requestId ? ` · request id ${body.upstream.requestId}` : ''}
        </p>
      ) : null}
      {body?.fields ? (
        <ul className="mt-1 list-disc pl-5">
          {Object.entries(body.fields).map(([key, message]) => (
            <li key={key}>
              <code>{key}</code>: {message}
            </li>
          ))}
        </ul>
      ) : null}
    </Notice>
  );
}
