'use client';

import { useTranslations } from 'next-intl';
import { SUBMIT_KINDS } from '@/lib/resubmit-plan';
import type { ResubmitPreview } from '@/lib/resubmit-types';
import { DomainChips } from './domain-chips';
import { QuotaChangeTable } from './quota-change-table';
import { LeftOutList, useObjectCount } from './resubmit-paths';

/** What a resubmission would submit: counts, domains, quota before and after, and what is left out. */
export function PreviewView({ plan }: { plan: ResubmitPreview }) {
  const t = useTranslations('ResubmitDialog');
  const objects = useTranslations('ResubmitObjects');
  const objectCount = useObjectCount();
  const total = SUBMIT_KINDS.reduce((sum, kind) => sum + plan.counts[kind], 0);
  const notFailed = plan.selectedRows === null ? 0 : plan.selectedRows - plan.failedRows;
  const kinds = SUBMIT_KINDS.filter(
    (kind) => plan.counts[kind] > 0 || plan.quotaBefore[kind] !== plan.quotaAfter[kind],
  );
  return (
    <div className="mt-3 flex flex-col gap-3 text-sm" data-testid="resubmit-preview">
      {total === 0 ? (
        <p>{plan.failedRows === 0 ? t('nothingNoFailed') : t('nothingSeeBelow')}</p>
      ) : (
        <p data-testid="resubmit-counts">
          {t('counts', {
            objects: SUBMIT_KINDS.filter((kind) => plan.counts[kind] > 0)
              .map((kind) => objectCount(kind, plan.counts[kind]))
              .join(objects('separator')),
            calls: plan.calls,
          })}
        </p>
      )}
      {plan.domains.length > 0 ? (
        <div>
          <h3 className="font-medium">{t('domains', { count: plan.domains.length })}</h3>
          <DomainChips
            domains={plan.domains}
            className="mt-1 flex flex-wrap gap-1.5"
            testId="resubmit-domains"
          />
        </div>
      ) : null}
      {kinds.length > 0 ? (
        <QuotaChangeTable
          rows={kinds.map((kind) => ({
            kind,
            before: plan.quotaBefore[kind],
            after: plan.quotaAfter[kind],
          }))}
          testId="resubmit-quota"
        />
      ) : null}
      {notFailed > 0 ? (
        <p className="text-slate-600 dark:text-slate-300">{t('notFailed', { count: notFailed })}</p>
      ) : null}
      {plan.duplicates > 0 ? (
        <p className="text-slate-600 dark:text-slate-300">{t('duplicates', { count: plan.duplicates })}</p>
      ) : null}
      {plan.truncated ? <p className="text-amber-800 dark:text-amber-200">{t('truncated')}</p> : null}
      <LeftOutList counts={plan.leftOutCounts} entries={plan.leftOut} />
    </div>
  );
}
