/**
 * `POST /api/refresh` as the API answers it (docs/public-api.md): shared by the route, the New
 * refresh form and the tests.
 */
import type { SubmitKind } from './resubmit-plan';
import type { ResubmitResult } from './resubmit-types';

/** The body's `objectType`, as the upstream's RefreshObjectCaches names them, plus `Prefetch`. */
export const REFRESH_OBJECT_TYPES = ['File', 'Directory', 'Regex', 'Prefetch'] as const;
export type RefreshObjectTypeName = (typeof REFRESH_OBJECT_TYPES)[number];

/** The stored task type each object type creates (what the planner reads). */
export const TASK_TYPE_OF: Readonly<Record<RefreshObjectTypeName, string>> = {
  File: 'file',
  Directory: 'directory',
  Regex: 'regex',
  Prefetch: 'preload',
};

export const KIND_OF: Readonly<Record<RefreshObjectTypeName, SubmitKind>> = {
  File: 'url',
  Directory: 'directory',
  Regex: 'regex',
  Prefetch: 'prefetch',
};

/** The most paths one request may carry, and the longest `?wait` in seconds. */
export const MAX_REFRESH_PATHS = 10_000;
export const MAX_WAIT_SECONDS = 900;

export interface RefreshTaskState {
  taskId: string;
  objectPath: string;
  /** `Pending` until the dashboard's store has seen the task. */
  status: string;
}

export interface RefreshResponse {
  accountId: string;
  tasks: RefreshTaskState[];
  /** Paths given more than once, merged. */
  duplicates: number;
  /** Calls the upstream refused or that failed, and those never made after one did. */
  failed: ResubmitResult['failed'];
  notAttempted: ResubmitResult['notAttempted'];
  /** With `?wait`: every task has ended. */
  ended?: boolean;
}
