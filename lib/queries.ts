/**
 * react-query options per feature (TkDodo's query factory): keys go from generic to specific and the
 * same object serves the hook, prefetching on the server and cache reads.
 */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { accountSearch, getJson } from './api-client';
import type { SyncStatusResponse, TaskListResponse } from './api-types';
import { type DataFilters, DEFAULT_FILTERS, toApiSearch, toDataFilters, wholeView } from './filters';
import { postResubmit } from './resubmit-client';
import type { QuotaResponse, ResubmitPreview, ResubmitSelection } from './resubmit-types';
import type { TaskSummary } from './summary-types';
import type { Task } from './task';
import type { TriageAcrossAccounts, TriageReport } from './triage-types';

interface TasksByIdResponse {
  tasks: Task[];
  fetchedAt: string;
}

/** As far back as any history goes: the server clamps it to HISTORY_DAYS. */
const HISTORY_REACH = 'now-3650d';

/** How often in-flight rows are re-read by id while they are on screen. */
const LIVE_ROWS_INTERVAL_MS = 5_000;

/** How often the page asks how fresh the store is; faster while history is still arriving. */
const SYNC_STATUS_INTERVAL_MS = 3_000;
const SYNC_STATUS_BACKFILL_INTERVAL_MS = 2_000;

export const syncQueries = {
  status: (acct: string | null) =>
    queryOptions({
      queryKey: ['sync', 'status', acct] as const,
      queryFn: ({ signal }) => getJson<SyncStatusResponse>(`/api/sync${accountSearch(acct)}`, signal),
      refetchInterval: (query) =>
        query.state.data?.backfill.done === false
          ? SYNC_STATUS_BACKFILL_INTERVAL_MS
          : SYNC_STATUS_INTERVAL_MS,
      staleTime: 1_000,
    }),
};

export const taskQueries = {
  all: () => ['tasks'] as const,
  lists: () => [...taskQueries.all(), 'list'] as const,
  list: (view: DataFilters) =>
    queryOptions({
      queryKey: [...taskQueries.lists(), view] as const,
      queryFn: ({ signal }) => getJson<TaskListResponse>(`/api/tasks${toApiSearch(view)}`, signal),
      // Paging and filtering keep the old rows on screen until the new ones arrive.
      placeholderData: keepPreviousData,
      staleTime: 15_000,
    }),
  /** Every row of one task id (a batch of URLs shares an id) over the whole retention window. */
  detail: (acct: string | null, taskId: string) =>
    queryOptions({
      queryKey: [...taskQueries.all(), 'detail', acct, taskId] as const,
      queryFn: ({ signal }) =>
        getJson<TaskListResponse>(
          `/api/tasks${toApiSearch({ ...toDataFilters(DEFAULT_FILTERS), acct, task: taskId, from: HISTORY_REACH, size: 100 })}`,
          signal,
        ),
      staleTime: 10_000,
    }),
  /** Aggregates for the charts; re-read every few seconds while history is still arriving. */
  summary: (view: DataFilters) =>
    queryOptions({
      queryKey: [...taskQueries.all(), 'summary', wholeView(view)] as const,
      queryFn: ({ signal }) =>
        getJson<TaskSummary>(`/api/tasks/summary${toApiSearch(wholeView(view))}`, signal),
      placeholderData: keepPreviousData,
      staleTime: 15_000,
      refetchInterval: (state) => (state.state.data?.partial ? 3_000 : false),
    }),
  byId: (acct: string | null, taskIds: readonly string[]) =>
    queryOptions({
      queryKey: [...taskQueries.all(), 'by-id', acct, [...taskIds].sort()] as const,
      queryFn: ({ signal }) =>
        getJson<TasksByIdResponse>(
          `/api/tasks/by-id?${[...(acct === null ? [] : [`acct=${encodeURIComponent(acct)}`]), ...taskIds.map((id) => `task=${encodeURIComponent(id)}`)].join('&')}`,
          signal,
        ),
      enabled: taskIds.length > 0,
      refetchInterval: LIVE_ROWS_INTERVAL_MS,
      staleTime: 0,
    }),
};

export const triageQueries = {
  /** `acct=all`: the groups of every account the user may see, one report each. */
  across: (view: DataFilters) =>
    queryOptions({
      queryKey: ['triage', 'across', wholeView(view)] as const,
      queryFn: ({ signal }) =>
        getJson<TriageAcrossAccounts>(
          `/api/triage${toApiSearch(wholeView({ ...view, acct: 'all' }))}`,
          signal,
        ),
      placeholderData: keepPreviousData,
      staleTime: 30_000,
    }),
  /** The Origin Timeout groups of a view (paging does not apply). */
  report: (view: DataFilters) =>
    queryOptions({
      queryKey: ['triage', wholeView(view)] as const,
      queryFn: ({ signal }) => getJson<TriageReport>(`/api/triage${toApiSearch(wholeView(view))}`, signal),
      placeholderData: keepPreviousData,
      staleTime: 30_000,
    }),
};

export const quotaQueries = {
  /** Today's refresh and prefetch quota of an account: what is used, what is left. */
  today: (acct: string | null) =>
    queryOptions({
      queryKey: ['quota', acct] as const,
      queryFn: ({ signal }) => getJson<QuotaResponse>(`/api/quota${accountSearch(acct)}`, signal),
      staleTime: 30_000,
      refetchInterval: 60_000,
    }),
};

export const resubmitQueries = {
  /** What a resubmission would send; read afresh each time the dialog opens, never retried. */
  preview: (acct: string | null, selection: ResubmitSelection) =>
    queryOptions({
      queryKey: ['resubmit-preview', acct, selection] as const,
      queryFn: () => postResubmit<ResubmitPreview>(acct, { mode: 'preview', selection }),
      staleTime: 0,
      gcTime: 0,
      retry: false,
    }),
};
