'use client';

import { useTranslations } from 'next-intl';
import { MAX_TASK_IDS } from '@/lib/filters';
import { useFormat } from '@/lib/i18n/use-format';
import type { ResubmitResult } from '@/lib/resubmit-types';
import { DialogCloseRow } from '../ui/dialog-close-row';
import { LeftOutList, Paths, useObjectCount } from './resubmit-paths';

/** Exactly what a resubmission sent: the new task ids with a link to them, and every path that failed or waited. */
export function ResultView({ result, onClose }: { result: ResubmitResult; onClose: () => void }) {
  const t = useTranslations('ResubmitDialog');
  const objectCount = useObjectCount();
  const f = useFormat();
  const ids = result.taskIds.slice(0, MAX_TASK_IDS);
  const { totals } = result;
  return (
    <div className="mt-3 flex flex-col gap-3 text-sm" data-testid="resubmit-result">
      <p role="status" data-testid="resubmit-outcome">
        {totals.submitted > 0
          ? t('submitted', { count: totals.submitted, tasks: result.taskIds.length })
          : t('nothingSubmitted')}
        {totals.failed + totals.notAttempted > 0
          ? t('notSubmitted', { count: f.count(totals.failed + totals.notAttempted) })
          : ''}
      </p>
      {result.taskIds.length > 0 ? (
        <div>
          <h3 className="font-medium">{t('taskIds')}</h3>
          <p className="mt-1 font-mono text-xs break-all" data-testid="resubmit-task-ids">
            {result.taskIds.join(', ')}
          </p>
          <a
            href={`/tasks?task=${ids.join(',')}`}
            className="mt-2 inline-block font-medium text-sky-700 hover:underline dark:text-sky-400"
            data-testid="resubmit-view-link"
          >
            {ids.length === result.taskIds.length
              ? t('showAll')
              : t('showFirst', { count: f.count(ids.length) })}
          </a>
        </div>
      ) : null}
      {result.failed.map((failure) => (
        <Paths
          key={`${failure.kind} ${failure.domain} ${failure.objectPaths[0]}`}
          tone="error"
          // The upstream's code and message stay as the upstream wrote them.
          summary={t('failed', {
            reason: t(`failure-${failure.reason}`),
            objects: objectCount(failure.kind, failure.objectPaths.length),
            domain: failure.domain,
            code: failure.code,
            message: failure.message,
          })}
          paths={failure.objectPaths}
          total={failure.objectPaths.length}
          testId="resubmit-failed"
        />
      ))}
      {totals.notAttempted > 0 ? (
        <Paths
          tone="warning"
          summary={t('notAttempted', { count: totals.notAttempted })}
          paths={result.notAttempted.flatMap((batch) => batch.objectPaths)}
          total={totals.notAttempted}
          testId="resubmit-not-attempted"
        />
      ) : null}
      <LeftOutList counts={result.leftOutCounts} entries={result.leftOut} />
      {result.submitted.length > 0 && (totals.failed > 0 || totals.notAttempted > 0) ? (
        <Paths
          tone="info"
          summary={t('wentThrough', { count: totals.submitted })}
          paths={result.submitted.flatMap((batch) => batch.objectPaths)}
          total={totals.submitted}
          testId="resubmit-submitted"
        />
      ) : null}
      <DialogCloseRow label={t('close')} onClose={onClose} />
    </div>
  );
}
