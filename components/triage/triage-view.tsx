'use client';

import { useQuery } from '@tanstack/react-query';
import { FAILURE_GUIDE } from '@/lib/failure-guide';
import { DEFAULT_FILTERS, type TaskFilters, tasksHref, toApiSearch, toTaskQuery } from '@/lib/filters';
import { formatCount } from '@/lib/format';
import { triageQueries } from '@/lib/queries';
import type { ResubmitSelection } from '@/lib/resubmit-types';
import type { TriageGroup } from '@/lib/triage-types';
import { TimeRangePicker } from '../filters/time-range-picker';
import { useTaskFilters } from '../filters/use-task-filters';
import { QuotaSummary } from '../resubmit/quota-summary';
import { LoadErrorNotice } from '../tasks/load-error-notice';
import { Notice } from '../ui/notice';
import { SURFACE } from '../ui/surface';
import { TimeText } from '../ui/time-text';
import { TriageGroups } from './triage-groups';

const guide = FAILURE_GUIDE['origin-timeout'];

/** Origin Timeout triage: which origin, which directory, which time window — and what to check. */
export function TriageView({ canResubmit = false }: { canResubmit?: boolean }) {
  const [filters, setFilters] = useTaskFilters();
  const query = toTaskQuery(filters);
  const triage = useQuery(triageQueries.report(query));
  const report = triage.data;

  const groupFilters = (group: TriageGroup): Partial<TaskFilters> => ({
    from: filters.from,
    to: filters.to,
    tz: filters.tz,
    reason: ['origin-timeout'],
    domain: [group.domain],
    q: group.path && group.path !== '/' ? group.path : null,
  });
  const groupHref = (group: TriageGroup) => tasksHref(groupFilters(group));
  // Exactly the tasks the group's link shows: "one click for the whole prefix" once the origin is fixed.
  const resubmitSelection = canResubmit
    ? (group: TriageGroup): ResubmitSelection => ({
        kind: 'view',
        search: toApiSearch(toTaskQuery({ ...DEFAULT_FILTERS, ...groupFilters(group) })),
      })
    : undefined;

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-4">
        <div>
          <h1 className="text-lg font-semibold">Origin Timeout triage</h1>
          <p className="text-sm text-slate-600 dark:text-slate-300">
            Failures grouped by domain and path prefix: one origin or one directory to blame shows at the top.
          </p>
        </div>
        <div className="sm:ml-auto">
          <TimeRangePicker
            from={filters.from}
            to={filters.to}
            tz={filters.tz}
            onChange={(range) => setFilters(range)}
          />
        </div>
      </div>

      {canResubmit ? <QuotaSummary /> : null}

      {triage.isPending ? (
        <p role="status" className="text-sm text-slate-600 dark:text-slate-300">
          Reading every task of the window…
        </p>
      ) : null}
      {triage.error ? <LoadErrorNotice error={triage.error} onRetry={() => triage.refetch()} /> : null}
      {report?.partial ? (
        <Notice tone="warning" testId="triage-partial">
          Only part of this window could be read within the upstream budget; counts are lower bounds.
        </Notice>
      ) : null}

      {report ? (
        <>
          <p className="text-sm" data-testid="triage-summary">
            <strong>{formatCount(report.originTimeouts)}</strong> Origin Timeout failures among{' '}
            {formatCount(report.total)} tasks in this window.
          </p>
          <div className="grid gap-4 2xl:grid-cols-2">
            <TriageGroups
              title="By domain"
              groups={report.byDomain}
              tz={filters.tz}
              tasksHref={groupHref}
              testId="triage-domains"
              resubmitSelection={resubmitSelection}
            />
            <TriageGroups
              title="By path prefix"
              groups={report.byPrefix}
              tz={filters.tz}
              tasksHref={groupHref}
              testId="triage-prefixes"
              resubmitSelection={resubmitSelection}
            />
          </div>
          <div className="grid gap-4 lg:grid-cols-2">
            <section aria-label="Spikes" className={`${SURFACE} p-3`}>
              <h2 className="text-sm font-semibold">Spikes</h2>
              {report.spikes.length === 0 ? (
                <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
                  No window where Origin Timeouts jump above their usual rate.
                </p>
              ) : (
                <ul className="mt-1 flex flex-col gap-1 text-sm" data-testid="triage-spikes">
                  {report.spikes.map((spike) => (
                    <li key={spike.start}>
                      <a
                        className="text-sky-700 hover:underline dark:text-sky-400"
                        href={tasksHref({
                          tz: filters.tz,
                          reason: ['origin-timeout'],
                          from: spike.start,
                          to: spike.end,
                        })}
                      >
                        <TimeText iso={spike.start} tz={filters.tz} /> –{' '}
                        <TimeText iso={spike.end} tz={filters.tz} />
                      </a>
                      : {formatCount(spike.count)} Origin Timeouts
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section aria-label="Likely causes" className={`${SURFACE} p-3`}>
              <h2 className="text-sm font-semibold">Likely causes: what to check</h2>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{guide.meaning}</p>
              <ul className="mt-2 list-disc pl-5 text-sm">
                {guide.checks.map((check) => (
                  <li key={check}>{check}</li>
                ))}
              </ul>
            </section>
          </div>
        </>
      ) : null}
    </div>
  );
}
