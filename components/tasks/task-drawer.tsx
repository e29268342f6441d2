'use client';

import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useId } from 'react';
import { FAILURE_GUIDE } from '@/lib/failure-guide';
import type { TimeZoneMode } from '@/lib/filters';
import { taskQueries } from '@/lib/queries';
import { FAILURE_REASON_LABELS, type Task, taskRowKey } from '@/lib/task';
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
  const titleId = useId();
  const acct = useAccount();
  const detail = useQuery({ ...taskQueries.detail(acct, taskId), enabled: rowsOnPage.length === 0 });
  const rows = rowsOnPage.length > 0 ? rowsOnPage : (detail.data?.tasks ?? []);

  return (
    <Modal
      placement="drawer"
      labelledBy={titleId}
      backdropLabel="Close details"
      onClose={onClose}
      testId="task-drawer"
    >
      <div className="sticky top-0 flex items-center justify-between gap-2 border-b border-slate-200 bg-white px-4 py-3 dark:border-slate-800 dark:bg-slate-900">
        <h2 id={titleId} className="text-base font-semibold">
          Task <span className="font-mono">{taskId}</span>
        </h2>
        <div className="flex items-center gap-2">
          <CopyButton value={taskId} label="task id" />
          <button
            data-autofocus
            type="button"
            onClick={onClose}
            className="rounded-md border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            Close <span className="sr-only">details</span>
            <span className="ml-1 font-mono text-xs text-slate-500 dark:text-slate-400" aria-hidden="true">
              Esc
            </span>
          </button>
        </div>
      </div>
      <div className="flex flex-col gap-4 p-4">
        {detail.isPending && rowsOnPage.length === 0 ? <p role="status">Loading task…</p> : null}
        {detail.error ? (
          <p role="alert" className="text-red-700 dark:text-red-300">
            The task could not be loaded: {detail.error.message}
          </p>
        ) : null}
        {!detail.isPending && rows.length === 0 ? (
          <p role="status">No task with this id in the dashboard's history.</p>
        ) : null}
        {rows.length > 1 ? (
          <p className="text-sm text-slate-600 dark:text-slate-300">
            This task was submitted with {rows.length} objects; each is shown below.
          </p>
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
  const guide = task.reason ? FAILURE_GUIDE[task.reason] : null;
  const again = canResubmit && task.status === 'Failed' ? AGAIN_LABELS[task.objectType] : undefined;
  return (
    <article className="flex flex-col gap-3 rounded-lg border border-slate-200 p-3 dark:border-slate-700">
      {again ? (
        <div className="flex justify-end">
          <ResubmitButton
            variant="primary"
            label={again}
            title={`${again}: ${task.objectPath}`}
            selection={{ kind: 'tasks', tasks: [{ taskId: task.taskId, objectPath: task.objectPath }] }}
            testId="resubmit-task"
          />
        </div>
      ) : null}
      <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-2 text-sm">
        <Field label="Object path">
          <span className="flex items-start gap-2">
            <span className="font-mono text-xs break-all">{task.objectPath}</span>
            <CopyButton value={task.objectPath} label="object path" />
          </span>
        </Field>
        <Field label="Domain">{task.domain}</Field>
        <Field label="Type">{task.objectType}</Field>
        <Field label="Status">
          <StatusBadge status={task.status} />
        </Field>
        <Field label="Progress">
          <ProgressBar progress={task.progress} status={task.status} />
        </Field>
        <Field label="Created">
          <span className="flex flex-col">
            <TimeText iso={task.createdAt} tz={tz} />
            <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{task.createdAt}</span>
          </span>
        </Field>
        <Field label="Reason">{task.reason ? FAILURE_REASON_LABELS[task.reason] : '—'}</Field>
        <Field label="Upstream description">
          {task.description ? <code data-testid="raw-description">{task.description}</code> : '—'}
        </Field>
      </dl>
      {guide ? (
        <section
          aria-label="What this failure means"
          className="rounded-md bg-red-50 p-3 text-sm dark:bg-red-950/60"
        >
          <h3 className="font-semibold text-red-900 dark:text-red-200">
            {guide.title}: what it likely means
          </h3>
          <p className="mt-1 text-red-900 dark:text-red-100">{guide.meaning}</p>
          <h4 className="mt-2 font-semibold text-red-900 dark:text-red-200">What to check</h4>
          <ul className="mt-1 list-disc pl-5 text-red-900 dark:text-red-100">
            {guide.checks.map((check) => (
              <li key={check}>{check}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <nav aria-label="Related tasks" className="flex flex-wrap gap-3 text-sm">
        <a
          className="text-sky-700 hover:underline dark:text-sky-400"
          href={filterLink({ path: task.objectPath })}
        >
          All tasks of this path
        </a>
        <a
          className="text-sky-700 hover:underline dark:text-sky-400"
          href={filterLink({ domain: task.domain })}
        >
          All tasks of {task.domain}
        </a>
      </nav>
    </article>
  );
}

/** What resubmitting a failed row of each type is called; block tasks are not resubmitted here. */
const AGAIN_LABELS: Record<string, string> = {
  file: 'Refresh again',
  directory: 'Refresh again',
  regex: 'Refresh again',
  preload: 'Prefetch again',
};

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </>
  );
}
