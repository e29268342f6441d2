import { EmptyViewActions } from '../filters/empty-view-actions';
import { EmptyState } from '../ui/empty-state';

/** The table's place when no task matches the view. */
export function EmptyResult() {
  return (
    <EmptyState title="No tasks match this view" testId="empty-result" actions={<EmptyViewActions />}>
      A wider time range or fewer filters may find some.
    </EmptyState>
  );
}
