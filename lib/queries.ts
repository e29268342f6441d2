/**
 * react-query options per feature (TkDodo's query factory): keys go from generic to specific and the
 * same object serves the hook, prefetching on the server and cache reads.
 */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { getJson } from './api-client';
import type { TaskListResponse } from './api-types';
import { type TaskQuery, toApiSearch } from './filters';

export const taskQueries = {
  all: () => ['tasks'] as const,
  lists: () => [...taskQueries.all(), 'list'] as const,
  list: (query: TaskQuery) =>
    queryOptions({
      queryKey: [...taskQueries.lists(), query] as const,
      queryFn: ({ signal }) => getJson<TaskListResponse>(`/api/tasks${toApiSearch(query)}`, signal),
      // Paging and filtering keep the old rows on screen until the new ones arrive.
      placeholderData: keepPreviousData,
      staleTime: 15_000,
    }),
};
