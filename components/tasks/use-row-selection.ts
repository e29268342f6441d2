'use client';

import { useCallback, useMemo, useState } from 'react';
import { type Task, taskRowKey } from '@/lib/task';

/** A row ticked for resubmission: what the resubmit routes need to find it again. */
export interface TickedRow {
  taskId: string;
  objectPath: string;
}

/**
 * The rows an operator ticks for resubmission, by row key, kept across pages until submitted or
 * cleared: the table's checkbox callbacks, the ticked rows and a way to clear them.
 */
export function useRowSelection() {
  const [ticked, setTicked] = useState<ReadonlyMap<string, TickedRow>>(() => new Map());
  const selection = useMemo(
    () => ({
      isSelected: (task: Task) => ticked.has(taskRowKey(task)),
      onToggle: (task: Task, on: boolean) =>
        setTicked((current) => {
          const next = new Map(current);
          if (on) next.set(taskRowKey(task), { taskId: task.taskId, objectPath: task.objectPath });
          else next.delete(taskRowKey(task));
          return next;
        }),
    }),
    [ticked],
  );
  const tickedRows = useMemo(() => [...ticked.values()], [ticked]);
  const clear = useCallback(() => setTicked(new Map()), []);
  return { selection, tickedRows, clear };
}
