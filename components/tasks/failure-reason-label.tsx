import { FAILURE_REASON_LABELS, type Task } from '@/lib/task';

/**
 * A failure under its one normalised name; the upstream's own wording ("OriginTimeout",
 * "Origin Timeout"…) is kept for the tooltip and the details drawer.
 */
export function FailureReasonLabel({ task }: { task: Pick<Task, 'reason' | 'description'> }) {
  if (!task.reason) return null;
  return <span title={task.description ?? undefined}>{FAILURE_REASON_LABELS[task.reason]}</span>;
}
