'use client';

import { toTaskQuery } from '@/lib/filters';
import { formatCount } from '@/lib/format';
import { useTaskFilters } from '../filters/use-task-filters';
import { Notice } from '../ui/notice';
import { ProgressChart } from './progress-chart';
import { ReasonChart } from './reason-chart';
import { StatusTimeline } from './status-timeline';
import { useSummary } from './use-summary';

/**
 * The charts above the task table. Every click writes the same URL keys as the filter controls, so
 * each chart state is a shareable link and Back undoes it. Loaded as its own chunk (recharts is
 * large), after the table.
 */
export default function ChartsPanel() {
  const [filters, setFilters] = useTaskFilters();
  const summary = useSummary(toTaskQuery(filters));
  const snapshot = summary.data;
  const progress = snapshot?.progress;
  const reading = Boolean(progress && !progress.done);

  return (
    <section aria-label="Charts" className="flex flex-col gap-2">
      {reading && progress ? (
        <div
          role="status"
          data-testid="summary-progress"
          className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-300"
        >
          <progress
            className="h-1.5 w-40"
            value={progress.pagesRead}
            max={progress.pagesTotal ?? progress.pagesRead + 1}
            aria-label="Pages of tasks read for the charts"
          />
          Reading tasks for the charts: {formatCount(progress.pagesRead)}
          {progress.pagesTotal ? ` of ${formatCount(progress.pagesTotal)}` : ''} pages
        </div>
      ) : null}
      {summary.error && !snapshot ? (
        <Notice tone="error" testId="summary-error">
          The charts could not be loaded: {summary.error.message}
        </Notice>
      ) : null}
      {snapshot?.summary.partial ? (
        <Notice tone="warning" testId="summary-partial">
          The charts cover only part of this window: reading all of it would take more of the upstream budget
          than one view may use. Narrow the time range for exact charts.
        </Notice>
      ) : null}
      {snapshot ? (
        <div className="grid gap-3 lg:grid-cols-4" aria-busy={reading}>
          <StatusTimeline
            timeline={snapshot.summary.timeline}
            tz={filters.tz}
            onPickBucket={(range, status) =>
              setFilters({ ...range, status: [status as (typeof filters.status)[number]], page: null })
            }
            onZoom={(range) => setFilters({ ...range, page: null })}
          />
          <ReasonChart
            byReason={snapshot.summary.byReason}
            onPick={(reason) => setFilters({ reason: [reason], page: null })}
          />
          <ProgressChart progress={snapshot.summary.progress} />
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
