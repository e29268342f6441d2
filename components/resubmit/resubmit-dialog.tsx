'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { type ReactNode, useState } from 'react';
import { ApiError } from '@/lib/api-client';
import { useErrorText } from '@/lib/i18n/use-error-text';
import { useFormat } from '@/lib/i18n/use-format';
import { quotaQueries, resubmitQueries, taskQueries } from '@/lib/queries';
import { newIdempotencyKey, postResubmit } from '@/lib/resubmit-client';
import { SUBMIT_KINDS } from '@/lib/resubmit-plan';
import type { ResubmitResult, ResubmitSelection } from '@/lib/resubmit-types';
import { useAccount } from '../accounts/use-account';
import { DIALOG_BUTTON, DIALOG_PRIMARY_BUTTON } from '../ui/class-names';
import { TitledDialog } from '../ui/titled-dialog';
import { PreviewView } from './resubmit-preview';
import { ResultView } from './resubmit-result';

/**
 * Confirming a resubmission and showing its outcome: first what would be submitted (counts, domains,
 * quota before and after, what is left out), then exactly what went through, with the new task ids
 * and a link to them. Loaded only when an operator opens it.
 */
export default function ResubmitDialog({
  selection,
  title,
  onClose,
  onSubmitted,
  account,
}: {
  selection: ResubmitSelection;
  title: string;
  /** The account the selection is of; the view's (`acct` of the address) when not given. */
  account?: string | null;
  onClose: () => void;
  onSubmitted?: (result: ResubmitResult) => void;
}) {
  const t = useTranslations('ResubmitDialog');
  const f = useFormat();
  const queryClient = useQueryClient();
  const viewAccount = useAccount();
  const acct = account === undefined ? viewAccount : account;
  // One key per dialog: a double click, or Retry after a lost answer, can never submit twice.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const preview = useQuery(resubmitQueries.preview(acct, selection));
  const submit = useMutation({
    mutationFn: () => postResubmit<ResubmitResult>(acct, { mode: 'submit', selection, idempotencyKey }),
    onSuccess: (result) => {
      if (result.quotaAfter)
        queryClient.setQueryData(quotaQueries.today(acct).queryKey, {
          quota: result.quotaAfter,
          fetchedAt: result.submittedAt,
        });
      void queryClient.invalidateQueries({ queryKey: quotaQueries.today(acct).queryKey });
      void queryClient.invalidateQueries({ queryKey: taskQueries.all() });
      onSubmitted?.(result);
    },
  });
  const busy = submit.isPending;

  const plan = preview.data;
  const total = plan ? SUBMIT_KINDS.reduce((sum, kind) => sum + plan.counts[kind], 0) : 0;

  return (
    <TitledDialog
      title={title}
      closeLabel={t('close')}
      onClose={onClose}
      busy={busy}
      testId="resubmit-dialog"
    >
      {submit.data ? (
        <ResultView result={submit.data} onClose={onClose} />
      ) : (
        <>
          {preview.isPending ? (
            <p role="status" className="mt-3 text-sm">
              {t('reading')}
            </p>
          ) : null}
          {preview.error ? <ErrorNotice error={preview.error} message="prepareFailed" /> : null}
          {plan ? <PreviewView plan={plan} /> : null}
          {submit.error ? <ErrorNotice error={submit.error} message="submitFailed" /> : null}
          <div className="mt-4 flex flex-wrap justify-end gap-2">
            <button type="button" className={DIALOG_BUTTON} onClick={onClose} disabled={busy} data-autofocus>
              {t('cancel')}
            </button>
            {plan && total > 0 ? (
              <button
                type="button"
                className={DIALOG_PRIMARY_BUTTON}
                disabled={busy}
                onClick={() => {
                  if (!submit.isPending) submit.mutate();
                }}
                data-testid="resubmit-confirm"
              >
                {busy
                  ? t('submitting')
                  : submit.error
                    ? t('tryAgain')
                    : t('submit', { count: f.count(total) })}
              </button>
            ) : null}
          </div>
        </>
      )}
    </TitledDialog>
  );
}

/** A failed call, in the reader's words, with the API's code as it came. */
function ErrorNotice({
  error,
  message,
}: {
  error: Error;
  message: 'prepareFailed' | 'submitFailed';
}): ReactNode {
  const t = useTranslations('ResubmitDialog');
  const errorText = useErrorText();
  const code = error instanceof ApiError ? error.body.code : null;
  return (
    <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-300" data-testid="resubmit-error">
      {t(message, { error: errorText(error) })}
      {code ? <span className="font-mono text-xs"> ({code})</span> : null}
    </p>
  );
}
