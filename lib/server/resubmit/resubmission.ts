/**
 * One resubmission, from the failed rows to the answer: today's quota from the upstream, the plan
 * (lib/resubmit-plan.ts), the calls, one audit line and one /activity entry, and a head poll so the new tasks reach the store
 * (and the open tables) at once rather than at the next interval.
 */
import 'server-only';
import { createHash } from 'node:crypto';
import {
  LEFT_OUT_REASONS,
  type LeftOut,
  plannedTotal,
  planResubmission,
  type ResubmitPlan,
} from '@/lib/resubmit-plan';
import {
  LISTED_LEFT_OUT,
  type RefreshQuota,
  type ResubmitPreview,
  type ResubmitResult,
  type ResubmitSelection,
  remainingOf,
} from '@/lib/resubmit-types';
import type { Task } from '@/lib/task';
import { objectCount, recordSubmissionActivity } from '../activity/submission-activity';
import { audit } from '../auth/audit';
import type { SessionUser } from '../auth/session';
import { syncOf } from '../sync/sync-runtime';
import { describeRefreshQuota } from '../upstream/cdn';
import { executePlan } from './execute-plan';

/** The object type /activity names a resubmission of one kind by (as POST /api/refresh's). */
const OBJECT_TYPE_OF_KIND: Readonly<Record<string, string>> = {
  url: 'File',
  directory: 'Directory',
  regex: 'Regex',
  prefetch: 'Prefetch',
};

function planFor(rows: readonly Task[], quota: RefreshQuota): ResubmitPlan {
  return planResubmission(rows, remainingOf(quota));
}

function leftOutSummary(leftOut: readonly LeftOut[]) {
  const counts = Object.fromEntries(LEFT_OUT_REASONS.map((reason) => [reason, 0])) as Record<
    (typeof LEFT_OUT_REASONS)[number],
    number
  >;
  for (const entry of leftOut) counts[entry.reason] += 1;
  return { leftOutCounts: counts, leftOut: leftOut.slice(0, LISTED_LEFT_OUT) };
}

export async function previewResubmission(
  accountId: string,
  rows: readonly Task[],
  selectedRows: number | null,
  truncated: boolean,
): Promise<ResubmitPreview> {
  const plan = planFor(rows, await describeRefreshQuota(accountId));
  return {
    failedRows: rows.length,
    selectedRows,
    truncated,
    counts: plan.counts,
    domains: plan.domains,
    duplicates: plan.duplicates,
    calls: plan.calls.length,
    ...leftOutSummary(plan.leftOut),
    quotaBefore: plan.quotaBefore,
    quotaAfter: plan.quotaAfter,
  };
}

export async function submitResubmission(
  accountId: string,
  rows: readonly Task[],
  idempotencyKey: string,
  user: SessionUser,
): Promise<ResubmitResult> {
  const plan = planFor(rows, await describeRefreshQuota(accountId));
  const outcome = await executePlan(accountId, plan.calls);
  if (outcome.taskIds.length > 0) syncOf(accountId)?.requestHead({ now: true });
  const totals = {
    submitted: objectCount(outcome.submitted),
    failed: objectCount(outcome.failed),
    notAttempted: objectCount(outcome.notAttempted),
    leftOut: plan.leftOut.length,
  };
  audit({
    event: 'cdn.resubmit',
    account: accountId,
    user: user.name,
    subject: user.id,
    idempotencyKey,
    planned: plannedTotal(plan),
    ...totals,
    taskIds: outcome.taskIds,
    failures: outcome.failed.map((failure) => `${failure.kind} ${failure.domain}: ${failure.code}`),
  });
  const kinds = [...new Set(plan.calls.map((call) => call.kind))];
  await recordSubmissionActivity(user, {
    accountId,
    source: 'resubmit',
    objectType: kinds.length === 1 ? (OBJECT_TYPE_OF_KIND[kinds[0] ?? 'url'] ?? 'File') : 'mixed',
    plan,
    outcome,
  });
  return {
    idempotencyKey,
    submittedAt: new Date().toISOString(),
    ...outcome,
    ...leftOutSummary(plan.leftOut),
    totals,
    quotaAfter: await describeRefreshQuota(accountId).catch(() => null),
  };
}

/** What a request asked for, for the idempotency check: the same key must mean the same request. */
export function selectionFingerprint(
  userId: string,
  accountId: string,
  selection: ResubmitSelection,
): string {
  return createHash('sha256')
    .update(JSON.stringify([userId, accountId, selection]))
    .digest('base64url');
}
