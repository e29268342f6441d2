/**
 * The API surface: action name → handler. Everything else answers InvalidAction.NotFound. One port
 * answers the CDN API and STS's GetCallerIdentity, told apart by Action, each with its own Version.
 */
import type { ActionHandler } from './action-context';
import { describeRefreshQuota } from './action-describe-refresh-quota';
import { describeRefreshTaskById } from './action-describe-refresh-task-by-id';
import { describeRefreshTasks } from './action-describe-refresh-tasks';
import { getCallerIdentity } from './action-get-caller-identity';
import { pushObjectCache } from './action-push-object-cache';
import { refreshObjectCaches } from './action-refresh-object-caches';

export const API_VERSION = '2018-05-10';
/** STS's version, for GetCallerIdentity only. */
export const STS_API_VERSION = '2015-04-01';

export const ACTIONS: Readonly<Record<string, ActionHandler>> = {
  DescribeRefreshTasks: describeRefreshTasks,
  DescribeRefreshTaskById: describeRefreshTaskById,
  RefreshObjectCaches: refreshObjectCaches,
  PushObjectCache: pushObjectCache,
  DescribeRefreshQuota: describeRefreshQuota,
  GetCallerIdentity: getCallerIdentity,
};

/** The Version each action answers to (the CDN API's unless listed). */
export function versionOf(action: string): string {
  return action === 'GetCallerIdentity' ? STS_API_VERSION : API_VERSION;
}
