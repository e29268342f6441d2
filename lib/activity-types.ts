/**
 * One submission made through the dashboard, as /activity shows it (docs/activity.md): who (a user or
 * an API token), when, what, what the upstream answered, and how its tasks have ended so far.
 */
export const ACTIVITY_SOURCES = ['refresh', 'resubmit'] as const;
export type ActivitySource = (typeof ACTIVITY_SOURCES)[number];

export interface ActivityFailure {
  domain: string;
  code: string;
  count: number;
}

export interface ActivityEntry {
  id: number;
  accountId: string;
  at: string;
  source: ActivitySource;
  actor: string;
  actorKind: 'user' | 'token';
  /** `File`, `Directory`, `Regex`, `Prefetch`, or `mixed` for a resubmission of several kinds. */
  objectType: string;
  domains: string[];
  /** The first paths (up to ACTIVITY_LISTED_PATHS), and how many there were. */
  paths: string[];
  pathCount: number;
  taskIds: string[];
  failures: ActivityFailure[];
  notAttempted: number;
  /** The new tasks' rows in the store by status (Complete, Failed, Pending, Refreshing…). */
  outcome: Record<string, number>;
}

export const ACTIVITY_LISTED_PATHS = 20;
