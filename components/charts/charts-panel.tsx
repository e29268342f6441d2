'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { toDataFilters } from '@/lib/filters';
import { useErrorText } from '@/lib/i18n/use-error-text';
import { taskQueries } from '@/lib/queries';
import { useTaskFilters } from '../filters/use-task-filters';
import { Notice } from '../ui/notice';
import { PhoneFoldButton } from '../ui/phone-fold-button';
import { ChartsPlaceholder } from './charts-placeholder';
import { DurationChart } from './duration-chart';
import { ProgressChart } from './progress-chart';
import { ReasonChart } from './reason-chart';
import { StatusTimeline } from './status-timeline';

/**
 * The charts above the task table. Every click writes the same URL keys as the filter controls, so
 * each chart state is a shareable link and Back undoes it. Loaded as its own chunk (recharts is
 * large), after the table. On a phone the four charts would push the rows off the first screen,
 * so there they fold behind a button.
 */
export default function ChartsPanel() {
  const t = useTranslations('ChartsPanel');
  const errorText = useErrorText();
  const [filters, setFilters] = useTaskFilters();
  const summary = useQuery(taskQueries.summary(toDataFilters(filters)));
  const data = summary.data;
  // An empty chart is said to be empty only once the answer is for these filters, not the last ones.
  const settled = !summary.isPlaceholderData;
  const [openOnPhone, setOpenOnPhone] = useState(false);
  const chartsId = useId();

  return (
    <section aria-label={t('label')} className="flex flex-col gap-2">
      {summary.error && !data ? (
        <Notice tone="error" testId="summary-error">
          {t('loadError', { error: errorText(summary.error) })}
        </Notice>
      ) : null}
      {data?.partial ? (
        <Notice tone="info" testId="summary-partial">
          {t('partial')}
        </Notice>
      ) : null}
      <PhoneFoldButton
        open={openOnPhone}
        onToggle={() => setOpenOnPhone((value) => !value)}
        controls={chartsId}
        testId="charts-toggle"
      >
        {t('toggle')}
      </PhoneFoldButton>
      {data ? (
        <div
          id={chartsId}
          className={`${openOnPhone ? 'grid' : 'hidden'} gap-3 sm:grid lg:grid-cols-4`}
          aria-busy={!settled}
        >
          <StatusTimeline
            timeline={data.timeline}
            tz={filters.tz}
            settled={settled}
            onPickBucket={(range, status) => setFilters({ ...range, status: [status], page: null })}
            onZoom={(range) => setFilters({ ...range, page: null })}
          />
          <ReasonChart
            byReason={data.byReason}
            settled={settled}
            onPick={(reason) => setFilters({ reason: [reason], page: null })}
          />
          <ProgressChart progress={data.progress} settled={settled} />
          <DurationChart durations={data.durations} tz={filters.tz} settled={settled} />
        </div>
      ) : (
        <ChartsPlaceholder id={chartsId} openOnPhone={openOnPhone} />
      )}
    </section>
  );
}
