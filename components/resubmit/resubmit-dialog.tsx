'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useId, useState } from 'react';
import { ApiError } from '@/lib/api-client';
import { MAX_TASK_IDS } from '@/lib/filters';
import { formatCount } from '@/lib/format';
import { type LeftOut, type LeftOutReason, SUBMIT_KINDS, type SubmitKind } from '@/lib/resubmit-plan';
import type {
  ResubmitPreview,
  ResubmitResult,
  ResubmitSelection,
  SubmitFailureReason,
} from '@/lib/resubmit-types';
import { useAccount } from '../accounts/use-account';
import { type Column, ColumnHeaders } from '../ui/column-headers';
import { Modal } from '../ui/modal';
import { KIND_NOUNS } from './quota-summary';
import { newIdempotencyKey, postResubmit, quotaQuery } from './resubmit-client';

const QUOTA_COLUMNS: Column[] = [
  { label: 'Kind' },
  { label: 'Left now', numeric: true },
  { label: 'Left after', numeric: true },
];

const OBJECT_NOUNS: Record<SubmitKind, [string, string]> = {
  url: ['URL to refresh', 'URLs to refresh'],
  directory: ['directory to refresh', 'directories to refresh'],
  regex: ['regex to refresh', 'regexes to refresh'],
  prefetch: ['URL to prefetch', 'URLs to prefetch'],
};

const LEFT_OUT_TEXT: Record<LeftOutReason, string> = {
  quota: 'left out: today’s quota is used up',
  'unsupported-type': 'left out: block tasks cannot be resubmitted here',
  'malformed-path': 'left out: the path is not one the API accepts',
};

const FAILURE_TEXT: Record<SubmitFailureReason, string> = {
  'quota-exceeded': 'Quota exceeded: today’s quota does not cover these',
  'domain-not-in-account': 'Domain not in this account',
  throttled: 'Throttled by the CDN API: try again in a moment',
  rejected: 'Refused by the CDN API',
  'outcome-unknown': 'No answer from the CDN API: these may or may not have been submitted; check the table',
  unavailable: 'The CDN API is unavailable: not submitted',
};

const plural = (count: number, [one, many]: [string, string]) =>
  `${formatCount(count)} ${count === 1 ? one : many}`;
const BUTTON =
  'rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800';
const PRIMARY =
  'rounded-md bg-sky-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-sky-800 disabled:opacity-50 dark:bg-sky-700 dark:hover:bg-sky-600';

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
  const titleId = useId();
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
    <Modal
      placement="dialog"
      labelledBy={titleId}
      backdropLabel="Close"
      onClose={onClose}
      closeDisabled={busy}
      testId="resubmit-dialog"
    >
      <h2 id={titleId} className="text-base font-semibold">
        {title}
      </h2>

      {submit.data ? (
        <ResultView result={submit.data} onClose={onClose} />
      ) : (
        <>
          {preview.isPending ? (
            <p role="status" className="mt-3 text-sm">
              Reading the failed tasks and today’s quota…
            </p>
          ) : null}
          {preview.error ? (
            <ErrorNotice error={preview.error} prefix="Cannot prepare the resubmission" />
          ) : null}
          {plan ? <PreviewView plan={plan} /> : null}
          {submit.error ? <ErrorNotice error={submit.error} prefix="Nothing was submitted" /> : null}
          <div className="mt-4 flex flex-wrap justify-end gap-2">
            <button type="button" className={BUTTON} onClick={onClose} disabled={busy} data-autofocus>
              Cancel
            </button>
            {plan && total > 0 ? (
              <button
                type="button"
                className={PRIMARY}
                disabled={busy}
                onClick={() => {
                  if (!submit.isPending) submit.mutate();
                }}
                data-testid="resubmit-confirm"
              >
                {busy ? 'Submitting…' : submit.error ? 'Try again' : `Submit ${formatCount(total)}`}
              </button>
            ) : null}
          </div>
        </>
      )}
    </Modal>
  );
}

function PreviewView({ plan }: { plan: ResubmitPreview }) {
  const total = SUBMIT_KINDS.reduce((sum, kind) => sum + plan.counts[kind], 0);
  const notFailed = plan.selectedRows === null ? 0 : plan.selectedRows - plan.failedRows;
  const kinds = SUBMIT_KINDS.filter(
    (kind) => plan.counts[kind] > 0 || plan.quotaBefore[kind] !== plan.quotaAfter[kind],
  );
  return (
    <div className="mt-3 flex flex-col gap-3 text-sm" data-testid="resubmit-preview">
      {total === 0 ? (
        <p>Nothing to submit: {plan.failedRows === 0 ? 'no failed task is selected.' : 'see below.'}</p>
      ) : (
        <p data-testid="resubmit-counts">
          {SUBMIT_KINDS.filter((kind) => plan.counts[kind] > 0)
            .map((kind) => plural(plan.counts[kind], OBJECT_NOUNS[kind]))
            .join(', ')}{' '}
          in {plural(plan.calls, ['call', 'calls'])}.
        </p>
      )}
      {plan.domains.length > 0 ? (
        <div>
          <h3 className="font-medium">{plan.domains.length === 1 ? 'Domain' : 'Domains'}</h3>
          <ul className="mt-1 flex flex-wrap gap-1.5" data-testid="resubmit-domains">
            {plan.domains.map((domain) => (
              <li
                key={domain}
                className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs dark:bg-slate-800"
              >
                {domain}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {kinds.length > 0 ? (
        <table className="w-full text-left" data-testid="resubmit-quota">
          <caption className="text-left font-medium">Today’s quota</caption>
          <thead className="text-xs text-slate-600 dark:text-slate-300">
            <ColumnHeaders columns={QUOTA_COLUMNS} cellClassName="py-1 font-medium" />
          </thead>
          <tbody>
            {kinds.map((kind) => (
              <tr key={kind} data-kind={kind}>
                <td className="py-0.5">{KIND_NOUNS[kind]}</td>
                <td className="py-0.5 text-right tabular-nums">{formatCount(plan.quotaBefore[kind])}</td>
                <td className="py-0.5 text-right tabular-nums">{formatCount(plan.quotaAfter[kind])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {notFailed > 0 ? (
        <p className="text-slate-600 dark:text-slate-300">
          {plural(notFailed, ['selected task is', 'selected tasks are'])} not failed (any more) and will not
          be submitted.
        </p>
      ) : null}
      {plan.duplicates > 0 ? (
        <p className="text-slate-600 dark:text-slate-300">
          {plural(plan.duplicates, ['repeat', 'repeats'])} of the same path merged: each is submitted once.
        </p>
      ) : null}
      {plan.truncated ? (
        <p className="text-amber-800 dark:text-amber-200">
          This view holds more failed tasks than one resubmission takes; the newest are taken.
        </p>
      ) : null}
      <LeftOutList counts={plan.leftOutCounts} entries={plan.leftOut} />
    </div>
  );
}

function LeftOutList({ counts, entries }: { counts: Record<LeftOutReason, number>; entries: LeftOut[] }) {
  const reasons = (Object.keys(counts) as LeftOutReason[]).filter((reason) => counts[reason] > 0);
  if (reasons.length === 0) return null;
  return (
    <div data-testid="resubmit-left-out" className="flex flex-col gap-1">
      {reasons.map((reason) => (
        <Paths
          key={reason}
          tone="warning"
          summary={`${plural(counts[reason], ['object', 'objects'])} ${LEFT_OUT_TEXT[reason]}`}
          paths={entries.filter((entry) => entry.reason === reason).map((entry) => entry.objectPath)}
          total={counts[reason]}
        />
      ))}
    </div>
  );
}

function ResultView({ result, onClose }: { result: ResubmitResult; onClose: () => void }) {
  const ids = result.taskIds.slice(0, MAX_TASK_IDS);
  const { totals } = result;
  return (
    <div className="mt-3 flex flex-col gap-3 text-sm" data-testid="resubmit-result">
      <p role="status" data-testid="resubmit-outcome">
        {totals.submitted > 0
          ? `Submitted ${plural(totals.submitted, ['object', 'objects'])} as ${plural(result.taskIds.length, ['task', 'tasks'])}.`
          : 'Nothing was submitted.'}
        {totals.failed + totals.notAttempted > 0
          ? ` ${formatCount(totals.failed + totals.notAttempted)} not submitted.`
          : ''}
      </p>
      {result.taskIds.length > 0 ? (
        <div>
          <h3 className="font-medium">Task ids</h3>
          <p className="mt-1 font-mono text-xs break-all" data-testid="resubmit-task-ids">
            {result.taskIds.join(', ')}
          </p>
          <a
            href={`/tasks?task=${ids.join(',')}`}
            className="mt-2 inline-block font-medium text-sky-700 hover:underline dark:text-sky-400"
            data-testid="resubmit-view-link"
          >
            Show{' '}
            {ids.length === result.taskIds.length
              ? 'these tasks'
              : `the first ${formatCount(ids.length)} of these tasks`}{' '}
            as they run
          </a>
        </div>
      ) : null}
      {result.failed.map((failure) => (
        <Paths
          key={`${failure.kind} ${failure.domain} ${failure.objectPaths[0]}`}
          tone="error"
          summary={`${FAILURE_TEXT[failure.reason]} — ${plural(failure.objectPaths.length, OBJECT_NOUNS[failure.kind])} on ${failure.domain} (${failure.code}: ${failure.message})`}
          paths={failure.objectPaths}
          total={failure.objectPaths.length}
          testId="resubmit-failed"
        />
      ))}
      {totals.notAttempted > 0 ? (
        <Paths
          tone="warning"
          summary={`Not attempted after that failure: ${plural(totals.notAttempted, ['object', 'objects'])}`}
          paths={result.notAttempted.flatMap((batch) => batch.objectPaths)}
          total={totals.notAttempted}
          testId="resubmit-not-attempted"
        />
      ) : null}
      <LeftOutList counts={result.leftOutCounts} entries={result.leftOut} />
      {result.submitted.length > 0 && (totals.failed > 0 || totals.notAttempted > 0) ? (
        <Paths
          tone="info"
          summary={`Went through: ${plural(totals.submitted, ['object', 'objects'])}`}
          paths={result.submitted.flatMap((batch) => batch.objectPaths)}
          total={totals.submitted}
          testId="resubmit-submitted"
        />
      ) : null}
      <div className="flex justify-end">
        <button type="button" className={BUTTON} onClick={onClose} data-autofocus>
          Close
        </button>
      </div>
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
  return (
    <details className={TONE_TEXT[tone]} data-testid={testId}>
      <summary className="cursor-pointer">{summary}</summary>
      <ul className="mt-1 max-h-40 overflow-y-auto pl-4 font-mono text-xs break-all">
        {paths.slice(0, 200).map((path) => (
          <li key={path}>{path}</li>
        ))}
        {total > Math.min(paths.length, 200) ? (
          <li>… and {formatCount(total - Math.min(paths.length, 200))} more</li>
        ) : null}
      </ul>
    </details>
  );
}

function ErrorNotice({ error, prefix }: { error: Error; prefix: string }): ReactNode {
  const code = error instanceof ApiError ? error.body.code : null;
  return (
    <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-300" data-testid="resubmit-error">
      {prefix}: {error.message}
      {code ? <span className="font-mono text-xs"> ({code})</span> : null}
    </p>
  );
}
