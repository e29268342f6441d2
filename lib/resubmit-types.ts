/**
 * The JSON contract of resubmitting failed tasks (`POST /api/resubmit`) and of today's quota
 * (`GET /api/quota`), shared by the route handlers and the browser. docs/contract.md describes it.
 */
import type { LeftOut, LeftOutReason, QuotaRemaining, SubmitKind } from './resubmit-plan';

interface QuotaCount {
  total: number;
  remaining: number;
}

/** Today's quota per kind; `prefetch` is the smaller of the Preload and PreloadEdge quotas. */
export type RefreshQuota = Record<SubmitKind, QuotaCount>;

export interface QuotaResponse {
  quota: RefreshQuota;
  fetchedAt: string;
}

export function remainingOf(quota: RefreshQuota): QuotaRemaining {
  return {
    url: quota.url.remaining,
    directory: quota.directory.remaining,
    regex: quota.regex.remaining,
    prefetch: quota.prefetch.remaining,
  };
}

/** What to resubmit: rows picked by hand (table, drawer), or every failed task of a view. */
export type ResubmitSelection =
  | { kind: 'tasks'; tasks: Array<{ taskId: string; objectPath: string }> }
  | {
      kind: 'view';
      /** The view's query string (`?from=…&domain=…`): the same keys as the pages; status is set to Failed. */
      search: string;
    };

export interface ResubmitRequestBody {
  mode: 'preview' | 'submit';
  selection: ResubmitSelection;
  /** Required to submit: the same key never submits twice (a double click, a retry). */
  idempotencyKey?: string;
}

/** How many entries of a long list an answer carries; the counts are always whole. */
export const LISTED_LEFT_OUT = 200;

export interface ResubmitPreview {
  /** Failed rows the selection matched (the rest of the selection is not failed, or gone). */
  failedRows: number;
  /** Rows asked for (a hand-picked selection), or null for a view. */
  selectedRows: number | null;
  /** The view holds more failed rows than one resubmission reads; the newest were taken. */
  truncated: boolean;
  counts: Record<SubmitKind, number>;
  domains: string[];
  duplicates: number;
  calls: number;
  leftOutCounts: Record<LeftOutReason, number>;
  /** The first LISTED_LEFT_OUT entries. */
  leftOut: LeftOut[];
  quotaBefore: QuotaRemaining;
  quotaAfter: QuotaRemaining;
}

/** Why a call's objects did not go through, in words an operator acts on. */
export type SubmitFailureReason =
  | 'quota-exceeded'
  | 'domain-not-in-account'
  | 'throttled'
  | 'rejected'
  /** Timed out or failed on the upstream's side: the tasks may or may not exist. */
  | 'outcome-unknown'
  | 'unavailable';

interface SubmittedBatch {
  kind: SubmitKind;
  domain: string;
  objectPaths: string[];
}

export interface ResubmitResult {
  idempotencyKey: string;
  submittedAt: string;
  /** Every task id the upstream answered, in call order. */
  taskIds: string[];
  /** Calls that went through. */
  submitted: Array<SubmittedBatch & { taskIds: string[] }>;
  /** Calls the upstream refused or that failed, each with the upstream's code and message. */
  failed: Array<SubmittedBatch & { reason: SubmitFailureReason; code: string; message: string }>;
  /** Calls never made, because an earlier failure stopped the submission. */
  notAttempted: SubmittedBatch[];
  leftOutCounts: Record<LeftOutReason, number>;
  leftOut: LeftOut[];
  totals: { submitted: number; failed: number; notAttempted: number; leftOut: number };
  /** Today's quota after the submission, or null if it could not be read. */
  quotaAfter: RefreshQuota | null;
}
