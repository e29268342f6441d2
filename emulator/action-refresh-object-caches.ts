/**
 * RefreshObjectCaches: purge URLs, directories or one regex. Per request at most 1,000 URLs, 100
 * directories or 1 regex over at most 10 domains; daily quotas per account. Note the capitalised
 * ObjectType values here, unlike DescribeRefreshTasks.
 */
import type { ActionContext, ActionResult } from './action-context';
import { ApiError } from './api-error';
import { type PathKind, parseObjectPaths } from './object-paths';
import type { QuotaKind } from './quota';
import { checkBatch, quotaExceeded } from './submission-limits';
import { createTasks } from './task-creation';
import { TYPE_DIRECTORY, TYPE_FILE, TYPE_REGEX } from './task-model';

const REFRESH_TYPES = ['File', 'Directory', 'Regex', 'IgnoreParams'] as const;
type RefreshType = (typeof REFRESH_TYPES)[number];

interface RefreshRule {
  paths: PathKind;
  perRequest: number;
  /** What the per-request limit counts, for its message. */
  noun: string;
  quota: QuotaKind;
  /** IgnoreParams purges URLs, so its tasks list as files. */
  taskType: number;
  /** URLs of one domain submitted together share a task id; directories and regexes do not. */
  merge: boolean;
}

const RULES: Record<RefreshType, RefreshRule> = {
  File: { paths: 'url', perRequest: 1000, noun: 'URLs', quota: 'Url', taskType: TYPE_FILE, merge: true },
  Directory: {
    paths: 'directory',
    perRequest: 100,
    noun: 'directories',
    quota: 'Dir',
    taskType: TYPE_DIRECTORY,
    merge: false,
  },
  Regex: { paths: 'regex', perRequest: 1, noun: 'regex', quota: 'Regex', taskType: TYPE_REGEX, merge: false },
  IgnoreParams: {
    paths: 'url',
    perRequest: 1000,
    noun: 'URLs',
    quota: 'IgnoreParams',
    taskType: TYPE_FILE,
    merge: true,
  },
};

export function refreshObjectCaches({ params, state, now }: ActionContext): ActionResult {
  const type =
    params.oneOf(
      'ObjectType',
      REFRESH_TYPES,
      () =>
        new ApiError('InvalidObjectType.ValueNotSupported', 400, 'Specified ObjectType is not supported.'),
    ) ?? 'File';
  const rule = RULES[type];
  params.boolean('Force', false);
  const submitted = parseObjectPaths(params.required('ObjectPath'), rule.paths);
  checkBatch(submitted, rule.perRequest, rule.noun, 'SingleRequest.OverLimit');
  if (state.quota.spend({ [rule.quota]: submitted.length }, now)) throw quotaExceeded('Refresh');
  return { RefreshTaskId: createTasks(state, submitted, rule.taskType, rule.merge, now).join(',') };
}
