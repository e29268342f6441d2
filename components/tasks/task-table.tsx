import type { TimeZoneMode } from '@/lib/filters';
import { type Task, taskRowKey } from '@/lib/task';
import { TimeText } from '../ui/time-text';
import { ProgressBar } from './progress-bar';
import { StatusBadge } from './status-badge';

const COLUMNS = ['Task ID', 'Object path', 'Type', 'Status', 'Progress', 'Created', 'Failure'] as const;

export function TaskTable({ tasks, tz, busy }: { tasks: Task[]; tz: TimeZoneMode; busy: boolean }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full text-left text-sm" aria-busy={busy} data-testid="task-table">
        <caption className="sr-only">CDN refresh, prefetch and block tasks, newest first</caption>
        <thead className="bg-slate-100 text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          <tr>
            {COLUMNS.map((column) => (
              <th key={column} scope="col" className="px-3 py-2 font-semibold whitespace-nowrap">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={`divide-y divide-slate-100 dark:divide-slate-800 ${busy ? 'opacity-60' : ''}`}>
          {tasks.map((task) => (
            <tr
              key={taskRowKey(task)}
              data-task-id={task.taskId}
              data-row-key={taskRowKey(task)}
              className="hover:bg-slate-50 dark:hover:bg-slate-800/60"
            >
              <td className="px-3 py-2 font-mono text-xs tabular-nums">{task.taskId}</td>
              <td className="max-w-[28rem] px-3 py-2">
                <span className="block truncate font-mono text-xs" title={task.objectPath}>
                  {task.objectPath}
                </span>
              </td>
              <td className="px-3 py-2">{task.objectType}</td>
              <td className="px-3 py-2">
                <StatusBadge status={task.status} />
              </td>
              <td className="px-3 py-2">
                <ProgressBar progress={task.progress} status={task.status} />
              </td>
              <td className="px-3 py-2">
                <TimeText iso={task.createdAt} tz={tz} />
              </td>
              <td className="px-3 py-2 text-red-700 dark:text-red-300">{task.description ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function TaskTableSkeleton({ rows }: { rows: number }) {
  return (
    <div
      role="status"
      className="overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
      aria-busy="true"
      aria-label="Loading tasks"
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
