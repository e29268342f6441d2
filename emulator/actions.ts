/** The API surface: action name → handler. Everything else answers InvalidAction.NotFound. */
import type { ActionHandler } from './action-context';
import { describeRefreshQuota } from './action-describe-refresh-quota';
import { describeRefreshTaskById } from './action-describe-refresh-task-by-id';
import { describeRefreshTasks } from './action-describe-refresh-tasks';
import { pushObjectCache } from './action-push-object-cache';
import { refreshObjectCaches } from './action-refresh-object-caches';

export const API_VERSION = '2018-05-10';

export const ACTIONS: Readonly<Record<string, ActionHandler>> = {
  DescribeRefreshTasks: describeRefreshTasks,
  DescribeRefreshTaskById: describeRefreshTaskById,
  RefreshObjectCaches: refreshObjectCaches,
  PushObjectCache: pushObjectCache,
  DescribeRefreshQuota: describeRefreshQuota,
};
