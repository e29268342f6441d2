import 'server-only';
import type { Task } from '@/lib/task';
import { runWithRequestContext } from '../request-context';
import {
  type DescribeRefreshTasksParams,
  describeRefreshTaskById,
  describeRefreshTasks,
  type UpstreamTaskPage,
} from '../upstream/cdn';
import type { SyncPurpose } from './call-stats';

/**
 * What the sync reads from the upstream, each call labelled with its purpose: the upstream layer's
 * fair queue gives each purpose its own lane, so a head poll never waits behind a long backfill.
 */
export interface UpstreamReader {
  describeTasks(purpose: SyncPurpose, params: DescribeRefreshTasksParams): Promise<UpstreamTaskPage>;
  tasksById(taskIds: string[]): Promise<Task[]>;
}

/** The account's reader: its calls go through that account's own budget (upstream/). */
export function cdnReader(accountId: string): UpstreamReader {
  return {
    describeTasks: (purpose, params) =>
      runWithRequestContext({ requestId: `sync-${purpose}`, callerKey: `sync:${purpose}` }, () =>
        describeRefreshTasks(accountId, params),
      ),
    tasksById: (taskIds) =>
      runWithRequestContext({ requestId: 'sync-follow', callerKey: 'sync:follow' }, () =>
        describeRefreshTaskById(accountId, taskIds),
      ),
  };
}
