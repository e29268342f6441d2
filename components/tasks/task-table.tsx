import { useTranslations } from 'next-intl';
import type { TimeZoneMode } from '@/lib/filters';
import { useDomainLabels } from '@/lib/i18n/use-domain-labels';
import { type Task, taskRowKey } from '@/lib/task';
import { SURFACE } from '../ui/surface';
import { TimeText } from '../ui/time-text';
import { FailureReasonLabel } from './failure-reason-label';
import { ObjectPathText } from './object-path-text';
import { ProgressBar } from './progress-bar';
import { StatusBadge } from './status-badge';

/** The columns in their order (links and tests count them); each is named in messages/tasks. */
const COLUMNS = ['taskId', 'objectPath', 'type', 'status', 'progress', 'created', 'failure'] as const;

interface TaskTableProps {
  tasks: Task[];
  tz: TimeZoneMode;
  busy: boolean;
  selectedId: string | null;
  /** The URL that opens a task's details, so a row can be opened in a new tab or shared. */
  detailHref: (task: Task) => string;
  onOpen: (task: Task) => void;
  /** Operators tick failed rows to resubmit them: a checkbox column, shown only when given. */
  selection?: {
    isSelected: (task: Task) => boolean;
    onToggle: (task: Task, selected: boolean) => void;
  };
}

/** The rows of the view: a table on wide screens, a list of compact cards on a phone. */
export function TaskTable({ tasks, tz, busy, selectedId, detailHref, onOpen, selection }: TaskTableProps) {
  const t = useTranslations('TaskTable');
  const labels = useDomainLabels();
  return (
    <div className={`${SURFACE} overflow-x-auto`}>
      <table className="phone-cards min-w-full text-left text-sm" aria-busy={busy} data-testid="task-table">
        <caption className="sr-only">{t('caption')}</caption>
        <thead className="bg-slate-100 text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          <tr>
            {COLUMNS.map((column) => (
              <th key={column} scope="col" className="px-3 py-2 font-semibold whitespace-nowrap">
                {t(`columns.${column}`)}
              </th>
            ))}
            {/* Last, so every other column keeps its place whoever looks (links and tests count them). */}
            {selection ? (
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">{t('selectColumn')}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className={`divide-y divide-slate-100 dark:divide-slate-800 ${busy ? 'opacity-60' : ''}`}>
          {withUniqueKeys(tasks).map(({ task, key }) => (
            <tr
              key={key}
              data-task-id={task.taskId}
              data-row-key={taskRowKey(task)}
              aria-selected={task.taskId === selectedId}
              className={`task-table-row hover:bg-slate-50 aria-selected:bg-sky-50 dark:hover:bg-slate-800/60 dark:aria-selected:bg-sky-950`}
            >
              <td className={`task-table-id px-3 py-2 font-mono text-xs tabular-nums`}>
                <a
                  href={detailHref(task)}
                  onClick={(event) => {
                    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
                    event.preventDefault();
                    onOpen(task);
                  }}
                  className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-400"
                  aria-label={t('details', { taskId: task.taskId })}
                >
                  {task.taskId}
                </a>
              </td>
              <td className={`task-table-path max-w-[28rem] px-3 py-2`}>
                <span className="block truncate font-mono text-xs" title={task.objectPath}>
                  <ObjectPathText path={task.objectPath} />
                </span>
              </td>
              <td
                className={`task-table-type px-3 py-2 max-sm:text-xs max-sm:text-slate-500 dark:max-sm:text-slate-400`}
              >
                {labels.type(task.objectType)}
              </td>
              <td className={`task-table-status px-3 py-2`}>
                <StatusBadge status={task.status} />
              </td>
              <td className={`task-table-progress px-3 py-2`}>
                <ProgressBar progress={task.progress} status={task.status} />
              </td>
              <td className={`task-table-created px-3 py-2 max-sm:text-xs`}>
                <TimeText iso={task.createdAt} tz={tz} />
              </td>
              <td className={`task-table-failure px-3 py-2 text-red-700 max-sm:text-xs dark:text-red-300`}>
                {task.reason ? <FailureReasonLabel task={task} /> : null}
              </td>
              {selection ? (
                <td className="task-table-select px-3 py-2">
                  {/* i18n-ok: a status value compared, never shown */}
                  {task.status === 'Failed' ? (
                    <input
                      type="checkbox"
                      className="size-4 accent-sky-700"
                      checked={selection.isSelected(task)}
                      onChange={(event) => selection.onToggle(task, event.target.checked)}
                      aria-label={t('select', { path: task.objectPath })}
                    />
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * React needs unique keys, and the upstream does not promise unique (id, path) pairs: a batch may
 * list one URL twice. Duplicate keys would leave stale rows on screen, so repeats get a suffix.
 */
function withUniqueKeys(tasks: Task[]): Array<{ task: Task; key: string }> {
  const seen = new Map<string, number>();
  return tasks.map((task) => {
    const base = taskRowKey(task);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return { task, key: count === 0 ? base : `${base}#${count}` };
  });
}

export function TaskTableSkeleton({ rows }: { rows: number }) {
  const t = useTranslations('TaskTable');
  return (
    <div
      role="status"
      className={`${SURFACE} overflow-hidden`}
      aria-busy="true"
      aria-label={t('loading')}
      data-testid="task-table-skeleton"
    >
      {Array.from({ length: Math.min(rows, 12) }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
        <div key={index} className="flex gap-4 border-b border-slate-100 px-3 py-3 dark:border-slate-800">
          <div className="h-3 w-20 animate-pulse rounded bg-slate-200 dark:bg-slate-700" />
          <div className="h-3 flex-1 animate-pulse rounded bg-slate-200 dark:bg-slate-700" />
          <div className="h-3 w-24 animate-pulse rounded bg-slate-200 dark:bg-slate-700" />
        </div>
      ))}
    </div>
  );
}
