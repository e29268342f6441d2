'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { type ReactNode, useId } from 'react';
import { useFailureGuide } from '@/lib/failure-guide';
import type { TimeZoneMode } from '@/lib/filters';
import { useDomainLabels } from '@/lib/i18n/use-domain-labels';
import { useErrorText } from '@/lib/i18n/use-error-text';
import { useFormat } from '@/lib/i18n/use-format';
import { taskQueries } from '@/lib/queries';
import { isInFlight, type Task, taskDurationSeconds, taskRowKey } from '@/lib/task';
import { useAccount } from '../accounts/use-account';
import { ResubmitButton } from '../resubmit/resubmit-button';
import { CopyButton } from '../ui/copy-button';
import { Modal } from '../ui/modal';
import { TimeText } from '../ui/time-text';
import { ProgressBar } from './progress-bar';
import { StatusBadge } from './status-badge';

interface TaskDrawerProps {
  taskId: string;
  /** Rows of this id already on screen; the drawer asks the API only when there are none. */
  rowsOnPage: Task[];
  tz: TimeZoneMode;
  onClose: () => void;
  filterLink: (patch: { path?: string; domain?: string }) => string;
  /** An operator: failed rows offer "Refresh again" / "Prefetch again". */
  canResubmit?: boolean;
}

/** The task open in `sel`: every field, what a failure means, and where to look next. */
export function TaskDrawer({
  taskId,
  rowsOnPage,
  tz,
  onClose,
  filterLink,
  canResubmit = false,
}: TaskDrawerProps) {
  const t = useTranslations('TaskDrawer');
  const errorText = useErrorText();
  const titleId = useId();
  const acct = useAccount();
  const detail = useQuery({ ...taskQueries.detail(acct, taskId), enabled: rowsOnPage.length === 0 });
  const rows = rowsOnPage.length > 0 ? rowsOnPage : (detail.data?.tasks ?? []);

  return (
    <Modal
      placement="drawer"
      labelledBy={titleId}
      backdropLabel={t('closeDetails')}
      onClose={onClose}
      testId="task-drawer"
    >
      <div className="sticky top-0 flex items-center justify-between gap-2 border-b border-slate-200 bg-white px-4 py-3 dark:border-slate-800 dark:bg-slate-900">
        <h2 id={titleId} className="text-base font-semibold">
          {t.rich('title', { taskId, id: (chunks) => <span className="font-mono">{chunks}</span> })}
        </h2>
        <div className="flex items-center gap-2">
          <CopyButton value={taskId} label={t('copyTaskId')} />
          <button
            data-autofocus
            type="button"
            onClick={onClose}
            className="rounded-md border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            {t.rich('close', { hidden: (chunks) => <span className="sr-only">{chunks}</span> })}
            <span className="ml-1 font-mono text-xs text-slate-500 dark:text-slate-400" aria-hidden="true">
              {/* i18n-ok: the key's name, as printed on keyboards in both languages */}
              Esc
            </span>
          </button>
        </div>
      </div>
      <div className="flex flex-col gap-4 p-4">
        {detail.isPending && rowsOnPage.length === 0 ? <p role="status">{t('loading')}</p> : null}
        {detail.error ? (
          <p role="alert" className="text-red-700 dark:text-red-300">
            {t('loadFailed', { error: errorText(detail.error) })}
          </p>
        ) : null}
        {!detail.isPending && rows.length === 0 ? <p role="status">{t('notFound')}</p> : null}
        {rows.length > 1 ? (
          <p className="text-sm text-slate-600 dark:text-slate-300">{t('batch', { count: rows.length })}</p>
        ) : null}
        {rows.map((task) => (
          <TaskDetail
            key={taskRowKey(task)}
            task={task}
            tz={tz}
            filterLink={filterLink}
            canResubmit={canResubmit}
          />
        ))}
      </div>
    </Modal>
  );
}

function TaskDetail({
  task,
  tz,
  filterLink,
  canResubmit,
}: {
  task: Task;
  tz: TimeZoneMode;
  filterLink: TaskDrawerProps['filterLink'];
  canResubmit: boolean;
}) {
  const t = useTranslations('TaskDrawer');
  const labels = useDomainLabels();
  const guideFor = useFailureGuide();
  const guide = task.reason ? guideFor(task.reason) : null;
  const againKey = canResubmit && task.status === 'Failed' ? AGAIN_LABELS[task.objectType] : undefined;
  const again = againKey ? t(againKey) : undefined;
  return (
    <article className="flex flex-col gap-3 rounded-lg border border-slate-200 p-3 dark:border-slate-700">
      {again ? (
        <div className="flex justify-end">
          <ResubmitButton
            variant="primary"
            label={again}
            title={t('againTitle', { action: again, path: task.objectPath })}
            selection={{ kind: 'tasks', tasks: [{ taskId: task.taskId, objectPath: task.objectPath }] }}
            testId="resubmit-task"
          />
        </div>
      ) : null}
      <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-2 text-sm">
        <Field label={t('objectPath')}>
          <span className="flex items-start gap-2">
            <span className="font-mono text-xs break-all">{task.objectPath}</span>
            <CopyButton value={task.objectPath} label={t('copyObjectPath')} />
          </span>
        </Field>
        <Field label={t('domain')}>{task.domain}</Field>
        <Field label={t('type')}>{labels.type(task.objectType)}</Field>
        <Field label={t('status')}>
          <StatusBadge status={task.status} />
        </Field>
        <Field label={t('progress')}>
          <ProgressBar progress={task.progress} status={task.status} />
        </Field>
        <Field label={t('created')}>
          <span className="flex flex-col">
            <TimeText iso={task.createdAt} tz={tz} />
            <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{task.createdAt}</span>
          </span>
        </Field>
        <Field label={t('timeToFinish')}>
          <TimeToFinish task={task} />
        </Field>
        <Field label={t('reason')}>
          {task.reason ? <span data-testid="reason-label">{labels.reason(task.reason)}</span> : '—'}
        </Field>
        <Field label={t('description')}>
          {task.description ? <code data-testid="raw-description">{task.description}</code> : '—'}
        </Field>
      </dl>
      {guide && task.reason ? (
        <section aria-label={t('guideLabel')} className="rounded-md bg-red-50 p-3 text-sm dark:bg-red-950/60">
          <h3 className="font-semibold text-red-900 dark:text-red-200">
            {t('guideHeading', { reason: labels.reason(task.reason) })}
          </h3>
          <p className="mt-1 text-red-900 dark:text-red-100">{guide.meaning}</p>
          <h4 className="mt-2 font-semibold text-red-900 dark:text-red-200">{t('checksHeading')}</h4>
          <ul className="mt-1 list-disc pl-5 text-red-900 dark:text-red-100">
            {guide.checks.map((check) => (
              <li key={check}>{check}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <nav aria-label={t('related')} className="flex flex-wrap gap-3 text-sm">
        <a
          className="text-sky-700 hover:underline dark:text-sky-400"
          href={filterLink({ path: task.objectPath })}
        >
          {t('pathTasks')}
        </a>
        <a
          className="text-sky-700 hover:underline dark:text-sky-400"
          href={filterLink({ domain: task.domain })}
        >
          {t('domainTasks', { domain: task.domain })}
        </a>
      </nav>
    </article>
  );
}

/** What resubmitting a failed row of each type is called; block tasks are not resubmitted here. */
const AGAIN_LABELS: Record<string, 'refreshAgain' | 'prefetchAgain'> = {
  file: 'refreshAgain',
  directory: 'refreshAgain',
  regex: 'refreshAgain',
  preload: 'prefetchAgain',
};

/** Creation to the end the sync saw, with how late it may have seen it (docs/contract.md, Task). */
function TimeToFinish({ task }: { task: Task }) {
  const t = useTranslations('TaskDrawer');
  const format = useFormat();
  if (isInFlight(task)) return <span>{t('finishPending')}</span>;
  const seconds = taskDurationSeconds(task);
  if (seconds === null)
    return <span className="text-slate-500 dark:text-slate-400">{t('finishUnknown')}</span>;
  const duration = format.elapsed(seconds);
  return (
    <span data-testid="time-to-finish">
      {task.finishedPrecisionSeconds != null
        ? t('finishedIn', { duration, precision: format.elapsed(task.finishedPrecisionSeconds) })
        : t('finishedInNoPrecision', { duration })}
    </span>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </>
  );
}
