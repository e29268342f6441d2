'use client';

import { useQuery } from '@tanstack/react-query';
import { useAccount } from '@/components/accounts/use-account';
import { formatCount } from '@/lib/format';
import { SUBMIT_KINDS, type SubmitKind } from '@/lib/resubmit-plan';
import { quotaQuery } from './resubmit-client';

export const KIND_NOUNS: Record<SubmitKind, string> = {
  url: 'URL refreshes',
  directory: 'directory refreshes',
  regex: 'regex refreshes',
  prefetch: 'prefetches',
};

/** Today's remaining refresh and prefetch quota, in one line (operators: they spend it). */
export function QuotaSummary() {
  const quota = useQuery(quotaQuery(useAccount()));
  return (
    <p className="text-xs text-slate-600 dark:text-slate-300" data-testid="quota-summary" aria-live="polite">
      <span className="font-medium">Quota left today:</span>{' '}
      {quota.data ? (
        SUBMIT_KINDS.map((kind, index) => (
          <span key={kind}>
            {index > 0 ? ' · ' : ''}
            <span data-testid={`quota-${kind}`} className="tabular-nums">
              {formatCount(quota.data.quota[kind].remaining)}
            </span>{' '}
            of {formatCount(quota.data.quota[kind].total)} {KIND_NOUNS[kind]}
          </span>
        ))
      ) : quota.error ? (
        <span>could not be read ({quota.error.message})</span>
      ) : (
        <span>reading…</span>
      )}
    </p>
  );
}
