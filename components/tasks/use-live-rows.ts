'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useAccount } from '@/components/accounts/use-account';
import { taskQueries } from '@/lib/queries';
import { isInFlight, type Task, taskRowKey } from '@/lib/task';

/**
 * Keeps the visible in-flight rows (Pending, Refreshing) moving: the sync follows them upstream by
 * id, and the page re-reads those ids from the store every few seconds, laying them over its rows.
 * Stops when nothing on screen is in flight, when paused, and while the tab is hidden.
 */
export function useLiveRows(
  rows: Task[] | undefined,
  paused: boolean,
): { rows: Task[] | undefined; liveCount: number } {
  const inFlightIds = useMemo(
    () => [...new Set((rows ?? []).filter(isInFlight).map((task) => task.taskId))],
    [rows],
  );
  const acct = useAccount();
  const live = useQuery({
    ...taskQueries.byId(acct, inFlightIds),
    enabled: inFlightIds.length > 0 && !paused,
  });

  const merged = useMemo(() => {
    if (!rows || !live.data) return rows;
    const latest = new Map(live.data.tasks.map((task) => [taskRowKey(task), task]));
    return rows.map((row) => latest.get(taskRowKey(row)) ?? row);
  }, [rows, live.data]);

  return { rows: merged, liveCount: inFlightIds.length };
}
