'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { TaskListResponse } from '@/lib/api-types';
import type { FilterProblem, TimeZoneMode } from '@/lib/filters';
import { useFormat } from '@/lib/i18n/use-format';
import { NEW_GROUPS_PER_USER_PER_HOUR } from '@/lib/resource-group-limits';
import type { resolveWindow } from '@/lib/time-range';
import { Notice, NoticeButton } from '../ui/notice';
import { LoadErrorNotice, useDescribeError } from './load-error-notice';
import { UrlProblemsNotice } from './url-problems-notice';

/**
 * What the reader should know about the rows below: address values the page ignored, a time window
 * it clamped or could not read, a resource group still arriving, history not reaching back as far as
 * asked, and a failed read (with the last rows kept on screen when there are any).
 */
export function ViewNotices({
  urlProblems,
  timeWindow,
  historyDays,
  resourceGroup,
  tz,
  data,
  error,
  onRetry,
}: {
  urlProblems: Record<string, FilterProblem>;
  timeWindow: ReturnType<typeof resolveWindow>;
  historyDays: number;
  /** The view's `rg`, named in the resource group notices. */
  resourceGroup: string | null;
  tz: TimeZoneMode;
  data: TaskListResponse | undefined;
  error: Error | null;
  onRetry: () => void;
}) {
  const t = useTranslations('TaskExplorer');
  const f = useFormat();
  const describeError = useDescribeError();
  const [problemsDismissed, setProblemsDismissed] = useState(false);
  const group = resourceGroup ?? '';

  return (
    <>
      {Object.keys(urlProblems).length > 0 && !problemsDismissed ? (
        <UrlProblemsNotice
          problems={urlProblems}
          onDismiss={() => setProblemsDismissed(true)}
          dismissLabel={t('dismiss')}
        />
      ) : null}

      {timeWindow.ok && timeWindow.window.clamped ? (
        <Notice tone="info" testId="window-clamped">
          {t('windowClamped', { days: historyDays })}
        </Notice>
      ) : null}
      {!timeWindow.ok ? (
        <Notice tone="warning" testId="window-invalid">
          {t.rich(`windowInvalid.${timeWindow.rule}`, {
            field: timeWindow.field,
            code: (chunks) => <code>{chunks}</code>,
          })}
        </Notice>
      ) : null}

      {data?.resourceGroup === 'limited' ? (
        <Notice tone="warning" testId="resource-group-limited">
          {t('groupLimited', { group, limit: NEW_GROUPS_PER_USER_PER_HOUR })}
        </Notice>
      ) : data?.resourceGroup === 'pending' ? (
        <Notice tone="info" testId="resource-group-pending">
          {t('groupPending', { group })}
        </Notice>
      ) : data?.partial ? (
        <Notice tone="info" testId="partial-result">
          {data.syncedFrom
            ? t('partialFrom', { time: f.timestamp(data.syncedFrom, tz) })
            : t('partialFirstSync')}
        </Notice>
      ) : null}
      {data &&
      !data.partial &&
      data.syncedFrom &&
      timeWindow.ok &&
      timeWindow.window.startMs < Date.parse(data.syncedFrom) ? (
        <Notice tone="info" testId="history-start">
          {t('historyStart', { time: f.timestamp(data.syncedFrom, tz) })}
        </Notice>
      ) : null}

      {error && !data ? <LoadErrorNotice error={error} onRetry={onRetry} /> : null}
      {error && data ? (
        <Notice
          tone="warning"
          testId="stale-data"
          action={<NoticeButton onClick={onRetry}>{t('retry')}</NoticeButton>}
        >
          {t('staleData', { reason: describeError(error) })}
        </Notice>
      ) : null}
    </>
  );
}
