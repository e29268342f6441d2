import { useDomainLabels } from '@/lib/i18n/use-domain-labels';
import { isKnownStatus, type TaskStatus } from '@/lib/task';

const STYLE_BY_STATUS = {
  Complete:
    'bg-green-100 text-green-800 ring-green-600/30 dark:bg-green-950 dark:text-green-300 dark:ring-green-400/30',
  Refreshing:
    'bg-blue-100 text-blue-800 ring-blue-600/30 dark:bg-blue-950 dark:text-blue-300 dark:ring-blue-400/30',
  Failed: 'bg-red-100 text-red-800 ring-red-600/30 dark:bg-red-950 dark:text-red-300 dark:ring-red-400/30',
  Pending:
    'bg-amber-100 text-amber-900 ring-amber-600/30 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-400/30',
} as const;

/** Statuses the upstream may add later get a neutral badge instead of breaking the table. */
const NEUTRAL =
  'bg-slate-100 text-slate-700 ring-slate-500/30 dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-400/30';

/** A task's status in the reader's language; a status the upstream adds later shows as it spells it. */
export function StatusBadge({ status }: { status: TaskStatus }) {
  const labels = useDomainLabels();
  const style = isKnownStatus(status) ? STYLE_BY_STATUS[status] : NEUTRAL;
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style}`}
    >
      {labels.status(status)}
    </span>
  );
}
