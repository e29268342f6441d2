'use client';

import { useId, useState } from 'react';
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
 * large), after the table. On a phone the three charts would push the rows off the first screen,
 * so there they fold behind a button.
 */
export default function ChartsPanel() {
  const [filters, setFilters] = useTaskFilters();
  const summary = useSummary(toTaskQuery(filters));
  const snapshot = summary.data;
  const progress = snapshot?.progress;
  const reading = Boolean(progress && !progress.done);
  const [openOnPhone, setOpenOnPhone] = useState(false);
  const chartsId = useId();

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
      <button
        type="button"
        aria-expanded={openOnPhone}
        aria-controls={chartsId}
        onClick={() => setOpenOnPhone((value) => !value)}
        data-testid="charts-toggle"
        className="flex items-center justify-between rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium sm:hidden dark:border-slate-700 dark:bg-slate-900"
      >
        Charts
        <span aria-hidden="true">{openOnPhone ? '▴' : '▾'}</span>
      </button>
      {snapshot ? (
        <div
          id={chartsId}
          className={`${openOnPhone ? 'grid' : 'hidden'} gap-3 sm:grid lg:grid-cols-4`}
          aria-busy={reading}
        >
          <StatusTimeline
            timeline={snapshot.summary.timeline}
            tz={filters.tz}
            settled={!reading}
            onPickBucket={(range, status) =>
              setFilters({ ...range, status: [status as (typeof filters.status)[number]], page: null })
            }
            onZoom={(range) => setFilters({ ...range, page: null })}
          />
          <ReasonChart
            byReason={snapshot.summary.byReason}
            settled={!reading}
            onPick={(reason) => setFilters({ reason: [reason], page: null })}
          />
          <ProgressChart progress={snapshot.summary.progress} settled={!reading} />
        </div>
      ) : (
        <div
          id={chartsId}
          className={`${openOnPhone ? 'block' : 'hidden'} h-56 animate-pulse rounded-lg bg-slate-200/60 sm:block dark:bg-slate-800/60`}
          aria-hidden="true"
        />
      )}
    </section>
  );
}
