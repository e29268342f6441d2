/**
 * RefreshObjectCaches: purge URLs, directories or one regex. Per request at most 1,000 URLs, 100
 * directories or 1 regex over at most 10 domains; daily quotas per account. Note the capitalised
 * ObjectType values here, unlike DescribeRefreshTasks.
 */
import type { ActionContext, ActionResult } from './action-context';
import { ApiError } from './api-error';
import type { QuotaKind } from './quota';
import { createTasks, parseObjectPaths, type Submitted } from './task-creation';
import { TYPE_DIRECTORY, TYPE_FILE, TYPE_REGEX } from './task-model';

const REFRESH_TYPES = ['File', 'Directory', 'Regex', 'IgnoreParams'] as const;
type RefreshType = (typeof REFRESH_TYPES)[number];

const PER_REQUEST: Record<RefreshType, number> = { File: 1000, Directory: 100, Regex: 1, IgnoreParams: 1000 };
const QUOTA: Record<RefreshType, QuotaKind> = {
  File: 'Url',
  Directory: 'Dir',
  Regex: 'Regex',
  IgnoreParams: 'IgnoreParams',
};
/** IgnoreParams purges URLs, so its tasks list as files. */
const TASK_TYPE: Record<RefreshType, number> = {
  File: TYPE_FILE,
  Directory: TYPE_DIRECTORY,
  Regex: TYPE_REGEX,
  IgnoreParams: TYPE_FILE,
};
export const MAX_DOMAINS_PER_REQUEST = 10;

export function refreshObjectCaches({ params, state, now }: ActionContext): ActionResult {
  const type =
    params.oneOf(
      'ObjectType',
      REFRESH_TYPES,
      () =>
        new ApiError('InvalidObjectType.ValueNotSupported', 400, 'Specified ObjectType is not supported.'),
    ) ?? 'File';
  params.boolean('Force', false);
  const submitted = parseObjectPaths(params.required('ObjectPath'));
  checkBatch(submitted, PER_REQUEST[type]);
  const short = state.quota.spend({ [QUOTA[type]]: submitted.length }, now);
  if (short) throw quotaExceeded('Refresh', short);
  const merge = type === 'File' || type === 'IgnoreParams';
  return { RefreshTaskId: createTasks(state, submitted, TASK_TYPE[type], merge, now).join(',') };
}

/** The per-request limits shared with PushObjectCache. */
export function checkBatch(submitted: Submitted[], maxObjects: number): void {
  if (submitted.length === 0) {
    throw new ApiError(
      'MissingParameter',
      400,
      'The input parameter "ObjectPath" that is mandatory for processing this request is not supplied.',
    );
  }
  if (submitted.length > maxObjects) {
    throw new ApiError(
      'InvalidObjectPath.ExceedLimit',
      400,
      `At most ${maxObjects} objects can be submitted in one request.`,
    );
  }
  if (new Set(submitted.map((s) => s.domain)).size > MAX_DOMAINS_PER_REQUEST) {
    throw new ApiError(
      'InvalidObjectPath.ExceedLimit',
      400,
      `At most ${MAX_DOMAINS_PER_REQUEST} domains can be submitted in one request.`,
    );
  }
}

export function quotaExceeded(what: 'Refresh' | 'Preload', kind: QuotaKind): ApiError {
  return new ApiError(`QuotaExceeded.${what}`, 400, `The daily ${kind} quota of this account is used up.`);
}
