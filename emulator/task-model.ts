/**
 * Vocabulary shared by the data set, the task table and the actions: object types, statuses and
 * failure descriptions as the API spells them. Small integer codes keep 100,000 tasks in typed arrays.
 */

/** Index = type code stored per task. `directory` is what current docs answer; 2018 docs said `path`. */
export const OBJECT_TYPES = ['file', 'directory', 'regex', 'preload', 'block', 'unblock'] as const;
export type ObjectTypeName = (typeof OBJECT_TYPES)[number];
export const TYPE_FILE = 0;
export const TYPE_DIRECTORY = 1;
export const TYPE_REGEX = 2;
export const TYPE_PRELOAD = 3;

export const TASK_STATUSES = ['Pending', 'Refreshing', 'Complete', 'Failed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * Outcome code → Description. 0 succeeds; the rest fail. The real service answers both spellings
 * (console style and SDK style), so the data set carries both and clients must normalise.
 */
export const OUTCOME_DESCRIPTIONS = [
  '',
  'Internal Error',
  'InternalError',
  'Origin Timeout',
  'OriginTimeout',
  'Origin Return StatusCode 5XX',
  'OriginReturn StatusCode 5XX',
] as const;
export const OUTCOME_COMPLETE = 0;
export const OUTCOME_INTERNAL_ERROR = 1;
export const OUTCOME_ORIGIN_TIMEOUT = 3;
export const OUTCOME_ORIGIN_5XX = 5;

/** Reason keys as the dashboard names them; for the control endpoint's raw view. */
export function reasonKey(outcome: number): 'internal-error' | 'origin-timeout' | 'origin-5xx' | null {
  if (outcome === 1 || outcome === 2) return 'internal-error';
  if (outcome === 3 || outcome === 4) return 'origin-timeout';
  if (outcome === 5 || outcome === 6) return 'origin-5xx';
  return null;
}

/** A task as the API shows it at one instant. */
export interface TaskView {
  TaskId: string;
  ObjectPath: string;
  ObjectType: string;
  Status: TaskStatus;
  Process: string;
  CreationTime: string;
  Description: string;
}
