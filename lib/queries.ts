/**
 * react-query options per feature (TkDodo's query factory): keys go from generic to specific and the
 * same object serves the hook, prefetching on the server and cache reads.
 */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { getJson } from './api-client';
import type { TaskListResponse } from './api-types';
import { DEFAULT_FILTERS, type TaskQuery, toApiSearch, toTaskQuery } from './filters';
import { readSummaryStream } from './summary-client';
import type { SummarySnapshot } from './summary-types';
import type { Task } from './task';

export interface TasksByIdResponse {
  tasks: Task[];
  fetchedAt: string;
}

/** How often in-flight rows are re-read by id while they are on screen. */
export const LIVE_ROWS_INTERVAL_MS = 5_000;

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
  /** Every row of one task id (a batch of URLs shares an id) over the whole retention window. */
  detail: (taskId: string) =>
    queryOptions({
      queryKey: [...taskQueries.all(), 'detail', taskId] as const,
      queryFn: ({ signal }) =>
        getJson<TaskListResponse>(
          `/api/tasks${toApiSearch({ ...toTaskQuery(DEFAULT_FILTERS), task: taskId, from: 'now-3d', size: 100 })}`,
          signal,
        ),
      staleTime: 10_000,
    }),
  /**
   * Aggregates for the charts. The query function reads the stream and writes each snapshot into
   * the cache as it arrives, so the charts re-render while the read goes on.
   */
  summary: (query: TaskQuery, onSnapshot: (snapshot: SummarySnapshot) => void) =>
    queryOptions({
      queryKey: [...taskQueries.all(), 'summary', { ...query, page: 1, size: 20 }] as const,
      queryFn: ({ signal }) =>
        readSummaryStream(
          `/api/tasks/summary${toApiSearch({ ...query, page: 1, size: 20 })}`,
          onSnapshot,
          signal,
        ),
      placeholderData: keepPreviousData,
      staleTime: 30_000,
    }),
  byId: (taskIds: readonly string[]) =>
    queryOptions({
      queryKey: [...taskQueries.all(), 'by-id', [...taskIds].sort()] as const,
      queryFn: ({ signal }) =>
        getJson<TasksByIdResponse>(
          `/api/tasks/by-id?${taskIds.map((id) => `task=${encodeURIComponent(id)}`).join('&')}`,
          signal,
        ),
      enabled: taskIds.length > 0,
      refetchInterval: LIVE_ROWS_INTERVAL_MS,
      staleTime: 0,
    }),
};
