'use client';

import { useQuery } from '@tanstack/react-query';
import { toTaskQuery } from '@/lib/filters';
import { taskQueries } from '@/lib/queries';
import { useTaskFilters } from '../filters/use-task-filters';
import { Notice } from '../ui/notice';
import { ProgressChart } from './progress-chart';
import { ReasonChart } from './reason-chart';
import { StatusTimeline } from './status-timeline';

/**
 * The charts above the task table. Every click writes the same URL keys as the filter controls, so
 * each chart state is a shareable link and Back undoes it. Loaded as its own chunk (recharts is
 * large), after the table.
 */
export default function ChartsPanel() {
  const [filters, setFilters] = useTaskFilters();
  const summary = useQuery(taskQueries.summary(toTaskQuery(filters)));
  const data = summary.data;

  return (
    <section aria-label="Charts" className="flex flex-col gap-2">
      {summary.error && !data ? (
        <Notice tone="error" testId="summary-error">
          The charts could not be loaded: {summary.error.message}
        </Notice>
      ) : null}
      {data?.partial ? (
        <Notice tone="info" testId="summary-partial">
          History is still being synced: the charts fill in as older tasks arrive.
        </Notice>
      ) : null}
      {data ? (
        <div className="grid gap-3 lg:grid-cols-4">
          <StatusTimeline
            timeline={data.timeline}
            tz={filters.tz}
            onPickBucket={(range, status) =>
              setFilters({ ...range, status: [status as (typeof filters.status)[number]], page: null })
            }
            onZoom={(range) => setFilters({ ...range, page: null })}
          />
          <ReasonChart
            byReason={data.byReason}
            onPick={(reason) => setFilters({ reason: [reason], page: null })}
          />
          <ProgressChart progress={data.progress} />
        </div>
      ) : (
        <div
          className="h-56 animate-pulse rounded-lg bg-slate-200/60 dark:bg-slate-800/60"
          aria-hidden="true"
        />
      )}
    </section>
  );
}
