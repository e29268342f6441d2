'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { ApiError, jsonOrApiError } from '@/lib/api-client';
import { postWithCsrf } from '@/lib/csrf-client';
import { MAX_TASK_IDS } from '@/lib/filters';
import { useErrorText } from '@/lib/i18n/use-error-text';
import { useFormat } from '@/lib/i18n/use-format';
import { quotaQueries, taskQueries } from '@/lib/queries';
import { pathsOfText, planRefresh } from '@/lib/refresh-plan';
import {
  KIND_OF,
  REFRESH_OBJECT_TYPES,
  type RefreshObjectTypeName,
  type RefreshResponse,
} from '@/lib/refresh-types';
import { newIdempotencyKey } from '@/lib/resubmit-client';
import type { LeftOutReason } from '@/lib/resubmit-plan';
import { remainingOf } from '@/lib/resubmit-types';
import { useAccount } from '../accounts/use-account';
import { DomainChips } from '../resubmit/domain-chips';
import { QuotaChangeTable } from '../resubmit/quota-change-table';
import { DIALOG_BUTTON, DIALOG_PRIMARY_BUTTON, MUTED_TEXT } from '../ui/class-names';
import { DialogCloseRow } from '../ui/dialog-close-row';
import { TitledDialog } from '../ui/titled-dialog';

/**
 * A new refresh or prefetch (operators): the type, the paths (one a line, or cells pasted from a
 * spreadsheet), and as they are typed the plan the submission will follow — the resubmission's
 * planner (lib/refresh-plan.ts) over today's quota: calls per domain, repeats merged, lines the type
 * cannot take and what the quota leaves out, the quota before and after. Submitting sends what the
 * plan holds to POST /api/refresh; the answer lists the new tasks (and any call the upstream refused)
 * with a link to follow them in the table. Loaded only when an operator opens it.
 */
export default function NewRefreshDialog({ onClose }: { onClose: () => void }) {
  const t = useTranslations('NewRefresh');
  const f = useFormat();
  const acct = useAccount();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [objectType, setObjectType] = useState<RefreshObjectTypeName>(REFRESH_OBJECT_TYPES[0]);
  const [text, setText] = useState('');
  // One key per dialog: a double click, or Try again after a lost answer, never submits twice.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const quota = useQuery(quotaQueries.today(acct));
  const paths = useMemo(() => pathsOfText(text), [text]);
  const plan = useMemo(
    () => (quota.data ? planRefresh(objectType, paths, remainingOf(quota.data.quota)) : null),
    [objectType, paths, quota.data],
  );
  const planned = plan ? plan.calls.flatMap((call) => call.objectPaths) : [];
  const submit = useMutation({
    mutationFn: async () => {
      const response = await postWithCsrf('/api/refresh', {
        objectType,
        paths: planned,
        ...(acct === null ? {} : { acct }),
        idempotencyKey,
      });
      // A partial refusal (422/502 SubmissionIncomplete) still answers the tasks that were created.
      if (response.status === 422 || response.status === 502) {
        const body = (await response.clone().json()) as Partial<RefreshResponse> & {
          error?: { code: string };
        };
        if (body.error?.code === 'SubmissionIncomplete' && Array.isArray(body.tasks))
          return body as RefreshResponse;
      }
      return jsonOrApiError<RefreshResponse>(response);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: quotaQueries.today(acct).queryKey });
      void queryClient.invalidateQueries({ queryKey: taskQueries.all() });
    },
  });
  const busy = submit.isPending;

  return (
    <TitledDialog
      title={t('title')}
      closeLabel={t('close')}
      onClose={onClose}
      busy={busy}
      testId="new-refresh-dialog"
    >
      {submit.data ? (
        <ResultView result={submit.data} acct={acct} onClose={onClose} />
      ) : (
        <div className="mt-3 flex flex-col gap-3 text-sm">
          <fieldset className="flex flex-wrap gap-x-4 gap-y-1">
            <legend className="mb-1 font-medium">{t('type')}</legend>
            {REFRESH_OBJECT_TYPES.map((type) => (
              <label key={type} className="flex items-center gap-1.5">
                <input
                  type="radio"
                  name="refresh-type"
                  value={type}
                  checked={objectType === type}
                  onChange={() => setObjectType(type)}
                  disabled={busy}
                />
                {t(`type_${type}`)}
              </label>
            ))}
          </fieldset>
          <label className="flex flex-col gap-1">
            <span className="font-medium">{t('paths')}</span>
            <span className={`text-xs ${MUTED_TEXT}`}>{t(`pathsHint_${objectType}`)}</span>
            <textarea
              value={text}
              onChange={(event) => setText(event.target.value)}
              rows={6}
              disabled={busy}
              data-autofocus
              className="rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-xs dark:border-slate-600 dark:bg-slate-800"
            />
          </label>
          {quota.error ? (
            <p role="alert" className="text-red-700 dark:text-red-300">
              {t('quotaFailed', { error: errorText(quota.error) })}
            </p>
          ) : null}
          {plan && paths.length > 0 ? (
            <div className="flex flex-col gap-2" data-testid="new-refresh-preview">
              <p data-testid="new-refresh-counts">
                {planned.length > 0
                  ? t('plan', {
                      count: planned.length,
                      calls: plan.calls.length,
                      domains: plan.domains.length,
                    })
                  : t('nothing')}
              </p>
              {plan.domains.length > 0 ? (
                <DomainChips domains={plan.domains} className="flex flex-wrap gap-1.5" />
              ) : null}
              <QuotaChangeTable
                rows={[
                  {
                    kind: KIND_OF[objectType],
                    before: plan.quotaBefore[KIND_OF[objectType]],
                    after: plan.quotaAfter[KIND_OF[objectType]],
                  },
                ]}
                testId="new-refresh-quota"
              />
              {plan.duplicates > 0 ? (
                <p className={MUTED_TEXT}>{t('duplicates', { count: plan.duplicates })}</p>
              ) : null}
              {(['malformed-path', 'quota'] as LeftOutReason[]).map((reason) => {
                const lines = plan.leftOut.filter((entry) => entry.reason === reason);
                return lines.length > 0 ? (
                  <details
                    key={reason}
                    className="text-amber-800 dark:text-amber-200"
                    data-testid={`new-refresh-left-out-${reason}`}
                    open
                  >
                    <summary className="cursor-pointer">
                      {t(`leftOut_${reason}`, { count: lines.length })}
                    </summary>
                    <ul className="mt-1 max-h-32 overflow-y-auto pl-4 font-mono text-xs break-all">
                      {lines.slice(0, 200).map((entry) => (
                        <li key={entry.objectPath}>{entry.objectPath}</li>
                      ))}
                    </ul>
                  </details>
                ) : null;
              })}
            </div>
          ) : null}
          {submit.error ? <SubmitError error={submit.error} /> : null}
          <div className="flex flex-wrap justify-end gap-2">
            <button type="button" className={DIALOG_BUTTON} onClick={onClose} disabled={busy}>
              {t('cancel')}
            </button>
            <button
              type="button"
              className={DIALOG_PRIMARY_BUTTON}
              disabled={busy || planned.length === 0}
              onClick={() => {
                if (!submit.isPending) submit.mutate();
              }}
              data-testid="new-refresh-submit"
            >
              {busy ? t('submitting') : t('submit', { count: f.count(planned.length) })}
            </button>
          </div>
        </div>
      )}
    </TitledDialog>
  );
}

function ResultView({
  result,
  acct,
  onClose,
}: {
  result: RefreshResponse;
  acct: string | null;
  onClose: () => void;
}) {
  const t = useTranslations('NewRefresh');
  const reasons = useTranslations('ResubmitDialog');
  const taskIds = [...new Set(result.tasks.map((task) => task.taskId))];
  const ids = taskIds.slice(0, MAX_TASK_IDS);
  return (
    <div className="mt-3 flex flex-col gap-3 text-sm" data-testid="new-refresh-result">
      <p role="status" data-testid="new-refresh-outcome">
        {result.tasks.length > 0
          ? t('submitted', { count: result.tasks.length, tasks: taskIds.length })
          : t('nothingSubmitted')}
      </p>
      {ids.length > 0 ? (
        <a
          href={`/tasks?task=${ids.join(',')}${acct === null ? '' : `&acct=${encodeURIComponent(acct)}`}`}
          className="font-medium text-sky-700 hover:underline dark:text-sky-400"
          data-testid="new-refresh-view-link"
        >
          {t('follow')}
        </a>
      ) : null}
      {result.failed.map((failure) => (
        <p
          key={`${failure.domain} ${failure.objectPaths[0]}`}
          className="text-red-700 dark:text-red-300"
          data-testid="new-refresh-failed"
        >
          {/* The upstream's code and message stay as the upstream wrote them. */}
          {t('failed', {
            reason: reasons(`failure-${failure.reason}`),
            count: failure.objectPaths.length,
            domain: failure.domain,
            code: failure.code,
          })}
        </p>
      ))}
      {result.notAttempted.length > 0 ? (
        <p className="text-amber-800 dark:text-amber-200">
          {t('notAttempted', {
            count: result.notAttempted.reduce((sum, batch) => sum + batch.objectPaths.length, 0),
          })}
        </p>
      ) : null}
      <DialogCloseRow label={t('close')} onClose={onClose} />
    </div>
  );
}

function SubmitError({ error }: { error: Error }) {
  const t = useTranslations('NewRefresh');
  const errorText = useErrorText();
  const code = error instanceof ApiError ? error.body.code : null;
  return (
    <p role="alert" className="text-red-700 dark:text-red-300" data-testid="new-refresh-error">
      {t('submitFailed', { error: errorText(error) })}
      {code ? <span className="font-mono text-xs"> ({code})</span> : null}
    </p>
  );
}
