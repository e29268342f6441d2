'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useAccount } from '@/components/accounts/use-account';
import { syncQueries, taskQueries } from '@/lib/queries';

/**
 * Keeps the view current without timed polling of the data itself: the cheap sync status says when
 * the store last changed, and only then are the view's lists, charts and details read again. Paused
 * views (the user is reading) stay as they are.
 */
export function useStoreChanges(paused: boolean): void {
  const queryClient = useQueryClient();
  const { data } = useQuery(syncQueries.status(useAccount()));
  const seen = useRef<string | null | undefined>(undefined);
  const changedAt = data?.changedAt;
  useEffect(() => {
    if (changedAt === undefined) return;
    const previous = seen.current;
    seen.current = changedAt;
    if (previous === undefined || previous === changedAt || paused) return;
    void queryClient.invalidateQueries({ queryKey: taskQueries.all() });
  }, [changedAt, paused, queryClient]);
}
