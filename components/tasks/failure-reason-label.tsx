import { useDomainLabels } from '@/lib/i18n/use-domain-labels';
import type { Task } from '@/lib/task';

/**
 * A failure under its one normalised name, in the reader's language; the upstream's own wording
 * ("OriginTimeout", "Origin Timeout"…) is kept as it is for the tooltip and the details drawer.
 */
export function FailureReasonLabel({ task }: { task: Pick<Task, 'reason' | 'description'> }) {
  const labels = useDomainLabels();
  if (!task.reason) return null;
  return <span title={task.description ?? undefined}>{labels.reason(task.reason)}</span>;
}
