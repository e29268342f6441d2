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
import { syncOf } from '../sync/sync-runtime';
import { type Freshness, freshnessFor } from './freshness';
import { memoisedRead } from './read-memo';
import { anchorsFor } from './view-anchors';

function watchHead(account: string, dataFilters: Pick<DataFilters, 'to'>): void {
  if (dataFilters.to === 'now') syncOf(account)?.requestHead();
}

/**
 * How fresh an answer is (partial also while a filtered resource group is still being looked up, or
 * was not looked up because the user asked for too many new groups this hour), and the store's
 * generation, which names the data the answer is computed from.
 */
async function freshness(
  db: Kysely<Database>,
  accountId: string,
  dataFilters: DataFilters,
  window: ResolvedWindow,
  nowMs: number,
  askedBy: string,
): Promise<{ fresh: Freshness; generation: string; resourceGroup: ResourceGroupStatus | null }> {
  const [fresh, resourceGroup] = await Promise.all([
    freshnessFor(db, accountId, window, nowMs),
    dataFilters.rg
      ? resourceGroupStatus(db, accountId, dataFilters.rg, askedBy, nowMs)
      : Promise.resolve(null),
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
  dataFilters: DataFilters,
  window: ResolvedWindow,
  nowMs: number,
  askedBy: string,
): Promise<TaskListResponse> {
  watchHead(accountId, dataFilters);
  const { db } = await store();
  const { fresh, generation, resourceGroup } = await freshness(
    db,
    accountId,
    dataFilters,
    window,
    nowMs,
    askedBy,
  );
  const page = await memoisedRead('list', accountId, dataFilters, window, generation, () =>
    readTaskPage(db, accountId, dataFilters, window, anchorsFor(accountId, dataFilters, generation)),
  );
  return {
    tasks: page.tasks,
    page: dataFilters.page,
    size: dataFilters.size,
    total: page.total,
    ...fresh,
    ...(resourceGroup ? { resourceGroup } : {}),
  };
}

export async function summaryFor(
  accountId: string,
  dataFilters: DataFilters,
  window: ResolvedWindow,
  nowMs: number,
  askedBy: string,
): Promise<TaskSummary> {
  watchHead(accountId, dataFilters);
  const { db } = await store();
  const { fresh, generation } = await freshness(db, accountId, dataFilters, window, nowMs, askedBy);
  const summary = await memoisedRead('summary', accountId, dataFilters, window, generation, () =>
    readSummary(db, accountId, dataFilters, window, fresh),
  );
  // A kept answer carries the freshness of its time; the current one is attached.
  return { ...summary, ...fresh };
}

export async function triageFor(
  accountId: string,
  dataFilters: DataFilters,
  window: ResolvedWindow,
  nowMs: number,
  askedBy: string,
): Promise<TriageReport> {
  const { db } = await store();
  const { fresh, generation } = await freshness(db, accountId, dataFilters, window, nowMs, askedBy);
  const report = await memoisedRead('triage', accountId, dataFilters, window, generation, async () => {
    // Spikes are found over every status, as the triage view is about the whole window.
    const all = { ...dataFilters, status: [], reason: [] };
    const spikes = await readSpikes(db, accountId, all, window, fresh);
    return readTriage(db, accountId, dataFilters, window, spikes, fresh);
  });
  return { ...report, fetchedAt: fresh.fetchedAt, partial: fresh.partial };
}

export async function* exportRowsFor(
  accountId: string,
  dataFilters: DataFilters,
  window: ResolvedWindow,
): AsyncGenerator<Task> {
  const { db } = await store();
  yield* readAllTasks(db, accountId, dataFilters, window);
}

export async function tasksByIdFor(accountId: string, taskIds: readonly string[]): Promise<Task[]> {
  const { db } = await store();
  return readTasksById(db, accountId, [...new Set(taskIds)]);
}
