'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TaskQuery } from '@/lib/filters';
import { taskQueries } from '@/lib/queries';

/** The streamed summary for a query: data fills in snapshot by snapshot while the read runs. */
export function useSummary(query: TaskQuery) {
  const queryClient = useQueryClient();
  const options = taskQueries.summary(query, (snapshot) =>
    queryClient.setQueryData(options.queryKey, snapshot),
  );
  return useQuery(options);
}
