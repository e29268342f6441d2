/**
 * Every read of the dashboard, answered from the store's partition of one account (the caller has
 * checked the user may see it, lib/server/accounts/account-access.ts): the task list, the charts' summary, the
 * triage report, the export and tasks by id. No read calls the upstream; at most it asks the sync
 * (one shared head poll) for fresher rows when someone looks at the newest tasks.
 */
import 'server-only';
import type { Kysely } from 'kysely';
import type { TaskListResponse } from '@/lib/api-types';
import type { DataFilters } from '@/lib/filters';
import type { TaskSummary } from '@/lib/summary-types';
import type { Task } from '@/lib/task';
import type { ResolvedWindow } from '@/lib/time-range';
import type { TriageReport } from '@/lib/triage-types';
import { store } from '../store/database';
import { type ResourceGroupStatus, resourceGroupStatus } from '../store/resource-groups';
import type { Database } from '../store/schema';
import { readSpikes, readSummary } from '../store/summary-reads';
import { readAllTasks, readTaskPage, readTasksById } from '../store/task-reads';
import { readTriage } from '../store/triage-reads';
import type { WriteClock } from '../store/unchanged-reads';
import { syncOf } from '../sync/sync-runtime';
import { type Freshness, freshnessFor } from './freshness';
import { memoisedRead } from './read-memo';
import { stampedAnswer } from './stamped-answer';
import { anchorsFor } from './view-anchors';

function watchHead(account: string, query: Pick<DataFilters, 'to'>): void {
  if (query.to === 'now') syncOf(account)?.requestHead();
}

/**
 * How fresh an answer is (partial also while a filtered resource group is still being looked up, or
 * was not looked up because the user asked for too many new groups this hour), and the store's
 * generation, which names the data the answer is computed from.
 */
async function freshness(
  db: Kysely<Database>,
  writeClock: WriteClock | null,
  accountId: string,
  query: DataFilters,
  window: ResolvedWindow,
  nowMs: number,
  askedBy: string,
): Promise<{ fresh: Freshness; generation: string; resourceGroup: ResourceGroupStatus | null }> {
  const [fresh, resourceGroup] = await Promise.all([
    freshnessFor(db, accountId, window, nowMs, writeClock),
    query.rg ? resourceGroupStatus(db, accountId, query.rg, askedBy, nowMs) : Promise.resolve(null),
  ]);
  return {
    fresh: {
      fetchedAt: fresh.fetchedAt,
      syncedFrom: fresh.syncedFrom,
      partial: fresh.partial || (resourceGroup !== null && resourceGroup !== 'known'),
    },
    generation: String(fresh.state?.stats.lastChangeAt ?? 'empty'),
    resourceGroup,
  };
}

/** `askedBy`: the session user's id, whose hourly share of new resource groups an unknown `rg` uses. */
export async function taskListFor(
  accountId: string,
  query: DataFilters,
  window: ResolvedWindow,
  nowMs: number,
  askedBy: string,
): Promise<TaskListResponse> {
  watchHead(accountId, query);
  const { db, writeClock } = await store();
  const { fresh, generation, resourceGroup } = await freshness(
    db,
    writeClock,
    accountId,
    query,
    window,
    nowMs,
    askedBy,
  );
  const { answer: page, stamp } = await memoisedRead(
    'list',
    accountId,
    query,
    window,
    { generation, stamp: { fresh, resourceGroup } },
    () => readTaskPage(db, accountId, query, window, anchorsFor(accountId, query, generation)),
  );
  // One body per kept page and stamp, so its JSON is made once (stamped-answer.ts).
  return stampedAnswer(page, [query.page, query.size, stamp], () => ({
    tasks: page.tasks,
    page: query.page,
    size: query.size,
    total: page.total,
    ...stamp.fresh,
    ...(stamp.resourceGroup ? { resourceGroup: stamp.resourceGroup } : {}),
  }));
}

export async function summaryFor(
  accountId: string,
  query: DataFilters,
  window: ResolvedWindow,
  nowMs: number,
  askedBy: string,
): Promise<TaskSummary> {
  watchHead(accountId, query);
  const { db, writeClock } = await store();
  const { fresh, generation } = await freshness(db, writeClock, accountId, query, window, nowMs, askedBy);
  const { answer, stamp } = await memoisedRead(
    'summary',
    accountId,
    query,
    window,
    { generation, stamp: fresh },
    () => readSummary(db, accountId, query, window, fresh),
  );
  // The freshness of the data the answer was computed from: the current one while its generation
  // is the store's, its own while an older answer is served (read-memo.ts).
  return stampedAnswer(answer, stamp, () => ({ ...answer, ...stamp }));
}

export async function triageFor(
  accountId: string,
  query: DataFilters,
  window: ResolvedWindow,
  nowMs: number,
  askedBy: string,
): Promise<TriageReport> {
  const { db, writeClock } = await store();
  const { fresh, generation } = await freshness(db, writeClock, accountId, query, window, nowMs, askedBy);
  const { answer, stamp } = await memoisedRead(
    'triage',
    accountId,
    query,
    window,
    { generation, stamp: fresh },
    async () => {
      // Spikes are found over every status, as the triage view is about the whole window.
      const all = { ...query, status: [], reason: [] };
      const spikes = await readSpikes(db, accountId, all, window, fresh);
      return readTriage(db, accountId, query, window, spikes, fresh);
    },
  );
  return stampedAnswer(answer, [stamp.fetchedAt, stamp.partial], () => ({
    ...answer,
    fetchedAt: stamp.fetchedAt,
    partial: stamp.partial,
  }));
}

export async function* exportRowsFor(
  accountId: string,
  query: DataFilters,
  window: ResolvedWindow,
): AsyncGenerator<Task> {
  const { db } = await store();
  yield* readAllTasks(db, accountId, query, window);
}

export async function tasksByIdFor(accountId: string, taskIds: readonly string[]): Promise<Task[]> {
  const { db } = await store();
  return readTasksById(db, accountId, [...new Set(taskIds)]);
}
