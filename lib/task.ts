/**
 * The app's own shape of one CDN task, and the pure functions that turn the vendor's loosely typed
 * fields into it. Shared by server and browser, so it must stay free of secrets and Node APIs.
 */

import { isoSeconds } from './time-range';

export const TASK_STATUSES = ['Complete', 'Refreshing', 'Failed', 'Pending'] as const;
export type KnownTaskStatus = (typeof TASK_STATUSES)[number];
/** The upstream may add statuses (one page lists Timeout, Canceled): keep the set open. */
export type TaskStatus = KnownTaskStatus | (string & {});

export const TASK_TYPES = ['file', 'directory', 'regex', 'preload'] as const;

/**
 * What the filter bar offers: the documented values and those some pages of the upstream's docs add
 * (Timeout, Canceled; block, unblock). Any other value the upstream reports is kept and filterable
 * through the URL all the same.
 */
export const OFFERED_STATUSES = [...TASK_STATUSES, 'Timeout', 'Canceled'] as const;
/** Every status the upstream reports: each has its series on the timeline. */
export type ReportedTaskStatus = (typeof OFFERED_STATUSES)[number];
export const OFFERED_TYPES = [...TASK_TYPES, 'block', 'unblock'] as const;

export const FAILURE_REASONS = ['origin-timeout', 'origin-5xx', 'internal-error', 'other'] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

export interface Task {
  taskId: string;
  objectPath: string;
  objectType: string;
  status: TaskStatus;
  /** 0–100, parsed from the vendor's "99.37%" / "10" strings. */
  progress: number;
  /** ISO-8601 UTC. */
  createdAt: string;
  domain: string;
  /** The raw upstream Description, or null when the upstream left it empty. */
  description: string | null;
  reason: FailureReason | null;
  /**
   * When the store first saw the task ended after seeing it in flight (ISO-8601 UTC); null while in
   * flight and when it was first seen already ended (unknown). Absent on tasks read straight from the
   * upstream, which never says when a task ended.
   */
  finishedAt?: string | null;
  /** How late `finishedAt` may be: the re-read interval in force when the end was seen (seconds). */
  finishedPrecisionSeconds?: number | null;
}

/** Seconds from creation to the end the store saw, or null when that end is unknown. */
export function taskDurationSeconds(task: Pick<Task, 'createdAt' | 'finishedAt'>): number | null {
  if (!task.finishedAt) return null;
  const ms = Date.parse(task.finishedAt) - Date.parse(task.createdAt);
  return Number.isFinite(ms) ? Math.max(0, Math.round(ms / 1000)) : null;
}

/** Lenient: "100%", "99.37%", "10", " 5 % " and garbage (→ 0) all give a number in 0–100. */
export function parseProgress(raw: string | number | null | undefined): number {
  if (typeof raw === 'number') return clampPercent(raw);
  if (!raw) return 0;
  const value = Number.parseFloat(raw.replace('%', '').trim());
  return Number.isFinite(value) ? clampPercent(value) : 0;
}

function clampPercent(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(100, Math.max(0, value));
}

/**
 * The documentation and the SDK spell the same failures differently ("Origin Timeout" vs
 * "OriginTimeout"); comparing with spaces removed and case folded maps both to one key.
 */
const REASON_BY_COMPACT_TEXT: Record<string, FailureReason> = {
  origintimeout: 'origin-timeout',
  originreturnstatuscode5xx: 'origin-5xx',
  internalerror: 'internal-error',
};

export function normaliseReason(description: string | null | undefined): FailureReason | null {
  if (!description?.trim()) return null;
  const compact = description.replace(/\s+/g, '').toLowerCase();
  return REASON_BY_COMPACT_TEXT[compact] ?? 'other';
}

/**
 * The accelerated domain a task belongs to. Object paths are URLs ("http://example.com/a.txt"),
 * sometimes without a scheme, and regex tasks may hold characters a URL parser rejects.
 */
export function domainOfObjectPath(objectPath: string): string {
  const withoutScheme = objectPath.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const host = withoutScheme.split(/[/?#]/, 1)[0] ?? '';
  return host.replace(/:\d+$/, '').toLowerCase();
}

/** Upstream times are "2014-11-27T08:23:22Z"; anything unparsable is kept as given, not invented. */
export function toIsoUtc(raw: string | null | undefined): string {
  if (!raw) return '';
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? raw : isoSeconds(ms);
}

export function isReportedStatus(status: string): status is ReportedTaskStatus {
  return (OFFERED_STATUSES as readonly string[]).includes(status);
}

export function isKnownStatus(status: string): status is KnownTaskStatus {
  return (TASK_STATUSES as readonly string[]).includes(status);
}

/**
 * The statuses a task leaves, "in flight": the sync follows these rows upstream until they end, the
 * progress chart bins them. The store's SQL says the same through lib/server/store/in-flight-sql.ts.
 */
export const IN_FLIGHT_STATUSES = ['Pending', 'Refreshing'] as const satisfies readonly KnownTaskStatus[];

export function isInFlight(task: Pick<Task, 'status'>): boolean {
  return (IN_FLIGHT_STATUSES as readonly string[]).includes(task.status);
}

/**
 * One row's identity. A refresh request with several URLs is one task id with one row per URL, so
 * the id alone is not unique; id and object path together are.
 */
export function taskRowKey(task: Pick<Task, 'taskId' | 'objectPath'>): string {
  return `${task.taskId} ${task.objectPath}`;
}
