/**
 * The raw current data in the dashboard's own Task shape, for the control endpoint: tests compare what
 * the dashboard shows against this, without going through the API's filters and paging.
 */

import { type ReasonKey, reasonKey } from './task-model';
import type { TaskSource } from './task-query';
import { domainOf, queryTasks, type TaskFilter, viewOf } from './task-query';
import { endAt, progressAt } from './task-state';

export interface TaskRecord {
  taskId: string;
  objectPath: string;
  objectType: string;
  status: string;
  /** 0–100 */
  progress: number;
  /** As the API prints it, e.g. "37.5%". */
  process: string;
  /** ISO UTC, whole seconds. */
  createdAt: string;
  domain: string;
  description: string | null;
  /** As the dashboard derives it from the Description; 'other' for a text it does not know. */
  reason: ReasonKey | null;
  /** When the task ended (ISO UTC, milliseconds), or null while it is in flight: the ground truth of time to finish. */
  endedAt: string | null;
}

export interface RecordQuery extends TaskFilter {
  /** Substring of the object path. */
  q?: string;
  reasons?: ReadonlySet<string>;
  offset: number;
  limit: number;
}

export function taskRecords(
  source: TaskSource,
  query: RecordQuery,
  now: number,
): { total: number; tasks: TaskRecord[] } {
  const all = queryTasks(source, query, now, 0, Number.MAX_SAFE_INTEGER).rows;
  const records: TaskRecord[] = [];
  for (const row of all) {
    const view = viewOf(row, now);
    const end = endAt(row.table, row.index);
    const reason = reasonKey(row.table.outcome[row.index] ?? 0, view.Description);
    if (query.q !== undefined && !view.ObjectPath.includes(query.q)) continue;
    if (query.reasons !== undefined && !query.reasons.has(reason ?? 'none')) continue;
    records.push({
      taskId: view.TaskId,
      objectPath: view.ObjectPath,
      objectType: view.ObjectType,
      status: view.Status,
      progress: progressAt(row.table, row.index, now),
      process: view.Process,
      createdAt: new Date(Date.parse(view.CreationTime)).toISOString(),
      domain: domainOf(row),
      description: view.Description === '' ? null : view.Description,
      reason,
      endedAt: end <= now ? new Date(end).toISOString() : null,
    });
  }
  return { total: records.length, tasks: records.slice(query.offset, query.offset + query.limit) };
}
