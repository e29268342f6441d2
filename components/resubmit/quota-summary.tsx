'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useAccount } from '@/components/accounts/use-account';
import { useErrorText } from '@/lib/i18n/use-error-text';
import { useFormat } from '@/lib/i18n/use-format';
import { quotaQueries } from '@/lib/queries';
import { SUBMIT_KINDS } from '@/lib/resubmit-plan';

/** Today's remaining refresh and prefetch quota, in one line (operators: they spend it). */
export function QuotaSummary() {
  const t = useTranslations('QuotaSummary');
  const kinds = useTranslations('ResubmitKinds');
  const f = useFormat();
  const errorText = useErrorText();
  const quota = useQuery(quotaQueries.today(useAccount()));
  return (
    <p className="text-xs text-slate-600 dark:text-slate-300" data-testid="quota-summary" aria-live="polite">
      <span className="font-medium">{t('label')}</span>{' '}
      {quota.data ? (
        SUBMIT_KINDS.map((kind, index) => (
          <span key={kind}>
            {index > 0 ? t('separator') : ''}
            {t.rich('kind', {
              remaining: f.count(quota.data.quota[kind].remaining),
              total: f.count(quota.data.quota[kind].total),
              kind: kinds(kind),
              n: (chunks) => (
                <span data-testid={`quota-${kind}`} className="tabular-nums">
                  {chunks}
                </span>
              ),
            })}
          </span>
        ))
      ) : quota.error ? (
        <span>{t('error', { error: errorText(quota.error) })}</span>
      ) : (
        <span>{t('reading')}</span>
      )}
    </p>
  );
}
