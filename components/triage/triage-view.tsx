'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { useFailureGuide } from '@/lib/failure-guide';
import {
  DEFAULT_FILTERS,
  type TaskFilters,
  type TimeZoneMode,
  tasksHref,
  toApiSearch,
  toDataFilters,
} from '@/lib/filters';
import { triageQueries } from '@/lib/queries';
import type { ResubmitSelection } from '@/lib/resubmit-types';
import type { TriageGroup, TriageReport } from '@/lib/triage-types';
import { TimeRangePicker } from '../filters/time-range-picker';
import { useTaskFilters } from '../filters/use-task-filters';
import { QuotaSummary } from '../resubmit/quota-summary';
import { LoadErrorNotice } from '../tasks/load-error-notice';
import { Notice } from '../ui/notice';
import { SURFACE } from '../ui/surface';
import { TimeText } from '../ui/time-text';
import { TriageGroups } from './triage-groups';

/**
 * Origin Timeout triage: which origin, which directory, which time window — and what to check. With
 * `acct=all`, the same for every account the user may see, one section per account.
 */
export function TriageView({ canResubmit = false }: { canResubmit?: boolean }) {
  const t = useTranslations('TriageView');
  const [filters, setFilters] = useTaskFilters();
  const dataFilters = toDataFilters(filters);
  const across = filters.acct === 'all';
  const single = useQuery({ ...triageQueries.report(dataFilters), enabled: !across });
  const every = useQuery({ ...triageQueries.across(dataFilters), enabled: across });
  const active = across ? every : single;
  const guide = useFailureGuide()('origin-timeout');

  const causes = (
    <section aria-label={t('causesLabel')} className={`${SURFACE} p-3`}>
      <h2 className="text-sm font-semibold">{t('causesHeading')}</h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{guide.meaning}</p>
      <ul className="mt-2 list-disc pl-5 text-sm">
        {guide.checks.map((check) => (
          <li key={check}>{check}</li>
        ))}
      </ul>
    </section>
  );

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-4">
        <div>
          <h1 className="text-lg font-semibold">{t('heading')}</h1>
          <p className="text-sm text-slate-600 dark:text-slate-300">{t('intro')}</p>
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

      {canResubmit && !across ? <QuotaSummary /> : null}

      {active.isPending ? (
        <p role="status" className="text-sm text-slate-600 dark:text-slate-300">
          {t('reading')}
        </p>
      ) : null}
      {active.error ? <LoadErrorNotice error={active.error} onRetry={() => active.refetch()} /> : null}

      {!across && single.data ? (
        <ReportBody
          report={single.data}
          filters={filters}
          acct={filters.acct}
          canResubmit={canResubmit}
          aside={causes}
        />
      ) : null}
      {across && every.data ? (
        <>
          {every.data.accounts.map(({ id, name, report }) => (
            <section
              key={id}
              aria-label={name}
              data-testid={`triage-account-${id}`}
              className="flex flex-col gap-3 border-t border-slate-200 pt-3 dark:border-slate-800"
            >
              <h2 className="text-base font-semibold">{name}</h2>
              <ReportBody report={report} filters={filters} acct={id} canResubmit={canResubmit} />
            </section>
          ))}
          {causes}
        </>
      ) : null}
    </div>
  );
}

/** One account's report: its totals, the groups by domain and by prefix, and its spikes. */
function ReportBody({
  report,
  filters,
  acct,
  canResubmit,
  aside,
}: {
  report: TriageReport;
  filters: TaskFilters;
  /** The account the links and resubmissions are for (null: the default one). */
  acct: string | null;
  canResubmit: boolean;
  aside?: ReactNode;
}) {
  const t = useTranslations('TriageReport');
  const tz: TimeZoneMode = filters.tz;
  const groupFilters = (group: TriageGroup): Partial<TaskFilters> => ({
    acct,
    from: filters.from,
    to: filters.to,
    tz,
    reason: ['origin-timeout'],
    domain: [group.domain],
    q: group.path && group.path !== '/' ? group.path : null,
  });
  const groupHref = (group: TriageGroup) => tasksHref(groupFilters(group));
  // Exactly the tasks the group's link shows: "one click for the whole prefix" once the origin is fixed.
  const resubmitSelection = canResubmit
    ? (group: TriageGroup): ResubmitSelection => ({
        kind: 'view',
        search: toApiSearch(toDataFilters({ ...DEFAULT_FILTERS, ...groupFilters(group) })),
      })
    : undefined;
  const spikes = (
    <section aria-label={t('spikesLabel')} className={`${SURFACE} p-3`}>
      <h2 className="text-sm font-semibold">{t('spikesHeading')}</h2>
      {report.spikes.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{t('noSpikes')}</p>
      ) : (
        <ul className="mt-1 flex flex-col gap-1 text-sm" data-testid="triage-spikes">
          {report.spikes.map((spike) => (
            <li key={spike.start}>
              <a
                className="text-sky-700 hover:underline dark:text-sky-400"
                href={tasksHref({
                  acct,
                  tz,
                  reason: ['origin-timeout'],
                  from: spike.start,
                  to: spike.end,
                })}
              >
                <TimeText iso={spike.start} tz={tz} /> – <TimeText iso={spike.end} tz={tz} />
              </a>
              {t('spikeCount', { count: spike.count })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );

  return (
    <>
      {report.partial ? (
        <Notice tone="warning" testId="triage-partial">
          {t('partial')}
        </Notice>
      ) : null}
      <p className="text-sm" data-testid="triage-summary">
        {t.rich('summary', {
          timeouts: report.originTimeouts,
          total: report.total,
          strong: (chunks) => <strong>{chunks}</strong>,
        })}
      </p>
      <div className="grid gap-4 2xl:grid-cols-2">
        {[
          { title: t('byDomain'), groups: report.byDomain, testId: 'triage-domains' },
          { title: t('byPrefix'), groups: report.byPrefix, testId: 'triage-prefixes' },
        ].map(({ title, groups, testId }) => (
          <TriageGroups
            key={testId}
            title={title}
            groups={groups}
            tz={tz}
            tasksHref={groupHref}
            testId={testId}
            resubmitSelection={resubmitSelection}
            account={acct}
          />
        ))}
      </div>
      {aside ? (
        <div className="grid gap-4 lg:grid-cols-2">
          {spikes}
          {aside}
        </div>
      ) : (
        spikes
      )}
    </>
  );
}
