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
export const TYPE_BLOCK = 4;
export const TYPE_UNBLOCK = 5;

/**
 * Index = status code (see task-state.ts). The first four are what every page lists; `Timeout` and
 * `Canceled` are the final states one newer page adds, and only the extended data set produces them.
 */
export const TASK_STATUSES = ['Pending', 'Refreshing', 'Complete', 'Failed', 'Timeout', 'Canceled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * Outcome code → Description shown once the task has ended. 0 succeeds; 1–6 fail. The real service
 * answers both spellings (console style and SDK style), so the data set carries both and clients must
 * normalise. 7 ends in Timeout (the text is our choice, see README) and 8 in Canceled (no text).
 */
export const OUTCOME_DESCRIPTIONS = [
  '',
  'Internal Error',
  'InternalError',
  'Origin Timeout',
  'OriginTimeout',
  'Origin Return StatusCode 5XX',
  'OriginReturn StatusCode 5XX',
  'Task Timeout',
  '',
] as const;
export const OUTCOME_COMPLETE = 0;
export const OUTCOME_INTERNAL_ERROR = 1;
export const OUTCOME_ORIGIN_TIMEOUT = 3;
export const OUTCOME_ORIGIN_5XX = 5;
export const OUTCOME_TIMEOUT = 7;
export const OUTCOME_CANCELED = 8;

/** Failure reasons as the dashboard names them ('other' for a Description it does not know). */
export type ReasonKey = 'internal-error' | 'origin-timeout' | 'origin-5xx' | 'other';
export const REASON_KEYS = ['internal-error', 'origin-timeout', 'origin-5xx'] as const;
export type KnownReason = (typeof REASON_KEYS)[number];

/** The outcome codes (both spellings) of each failure reason, for tasks failed on purpose. */
export const REASON_OUTCOMES: Readonly<Record<KnownReason, readonly [number, number]>> = {
  'internal-error': [1, 2],
  'origin-timeout': [3, 4],
  'origin-5xx': [5, 6],
};

/**
 * The reason key for a task's Description as the dashboard derives it: none without a text, the known
 * reasons by outcome, 'other' for any other text (the Timeout one). For the control endpoint's raw view.
 */
export function reasonKey(outcome: number, description: string): ReasonKey | null {
  if (description === '') return null;
  for (const key of REASON_KEYS) if (REASON_OUTCOMES[key].includes(outcome)) return key;
  return 'other';
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
