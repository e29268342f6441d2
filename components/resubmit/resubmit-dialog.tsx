'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { type ReactNode, useState } from 'react';
import { ApiError } from '@/lib/api-client';
import { MAX_TASK_IDS } from '@/lib/filters';
import { useErrorText } from '@/lib/i18n/use-error-text';
import { useFormat } from '@/lib/i18n/use-format';
import { type LeftOut, type LeftOutReason, SUBMIT_KINDS, type SubmitKind } from '@/lib/resubmit-plan';
import type { ResubmitPreview, ResubmitResult, ResubmitSelection } from '@/lib/resubmit-types';
import { useAccount } from '../accounts/use-account';
import { DIALOG_BUTTON, DIALOG_PRIMARY_BUTTON } from '../ui/class-names';
import { DialogCloseRow } from '../ui/dialog-close-row';
import { TitledDialog } from '../ui/titled-dialog';
import { DomainChips } from './domain-chips';
import { QuotaChangeTable } from './quota-change-table';
import { newIdempotencyKey, postResubmit, quotaQuery } from './resubmit-client';

/** "3 URLs to refresh", "刷新 3 个 URL": a count of one kind of object, in the reader's words. */
function useObjectCount(): (kind: SubmitKind, count: number) => string {
  const t = useTranslations('ResubmitObjects');
  return (kind, count) => t(kind, { count });
}

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
  const preview = useQuery({
    queryKey: ['resubmit-preview', acct, selection],
    queryFn: () => postResubmit<ResubmitPreview>(acct, { mode: 'preview', selection }),
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
  const submit = useMutation({
    mutationFn: () => postResubmit<ResubmitResult>(acct, { mode: 'submit', selection, idempotencyKey }),
    onSuccess: (result) => {
      if (result.quotaAfter)
        queryClient.setQueryData(quotaQuery(acct).queryKey, {
          quota: result.quotaAfter,
          fetchedAt: result.submittedAt,
        });
      void queryClient.invalidateQueries({ queryKey: quotaQuery(acct).queryKey });
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
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

function PreviewView({ plan }: { plan: ResubmitPreview }) {
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

function LeftOutList({ counts, entries }: { counts: Record<LeftOutReason, number>; entries: LeftOut[] }) {
  const t = useTranslations('ResubmitDialog');
  const reasons = (Object.keys(counts) as LeftOutReason[]).filter((reason) => counts[reason] > 0);
  if (reasons.length === 0) return null;
  return (
    <div data-testid="resubmit-left-out" className="flex flex-col gap-1">
      {reasons.map((reason) => (
        <Paths
          key={reason}
          tone="warning"
          summary={t(`leftOut-${reason}`, { count: counts[reason] })}
          paths={entries.filter((entry) => entry.reason === reason).map((entry) => entry.objectPath)}
          total={counts[reason]}
        />
      ))}
    </div>
  );
}

function ResultView({ result, onClose }: { result: ResubmitResult; onClose: () => void }) {
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

const TONE_TEXT = {
  info: 'text-slate-700 dark:text-slate-200',
  warning: 'text-amber-800 dark:text-amber-200',
  error: 'text-red-700 dark:text-red-300',
} as const;

/** A count with its paths folded beneath, so a long list never pushes the buttons away. */
function Paths({
  summary,
  paths,
  total,
  tone,
  testId,
}: {
  summary: string;
  paths: string[];
  total: number;
  tone: keyof typeof TONE_TEXT;
  testId?: string;
}) {
  const t = useTranslations('ResubmitDialog');
  const f = useFormat();
  return (
    <details className={TONE_TEXT[tone]} data-testid={testId}>
      <summary className="cursor-pointer">{summary}</summary>
      <ul className="mt-1 max-h-40 overflow-y-auto pl-4 font-mono text-xs break-all">
        {paths.slice(0, 200).map((path) => (
          <li key={path}>{path}</li>
        ))}
        {total > Math.min(paths.length, 200) ? (
          <li>{t('more', { count: f.count(total - Math.min(paths.length, 200)) })}</li>
        ) : null}
      </ul>
    </details>
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
