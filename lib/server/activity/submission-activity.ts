/**
 * The /activity entry of one submission, a new refresh or a resubmission alike: what its plan sent
 * (domains and paths) and what the upstream answered (task ids, refusals by domain, calls never made).
 */
import 'server-only';
import type { ActivitySource } from '@/lib/activity-types';
import type { PlannedCall } from '@/lib/resubmit-plan';
import type { ResubmitResult } from '@/lib/resubmit-types';
import type { SessionUser } from '../auth/session';
import { recordActivity } from './record-activity';

/** How many objects the batches hold. */
export function objectCount(batches: ReadonlyArray<{ objectPaths: readonly string[] }>): number {
  return batches.reduce((sum, batch) => sum + batch.objectPaths.length, 0);
}

export function recordSubmissionActivity(
  user: SessionUser,
  submission: {
    accountId: string;
    source: ActivitySource;
    objectType: string;
    plan: { domains: string[]; calls: readonly PlannedCall[] };
    outcome: Pick<ResubmitResult, 'taskIds' | 'failed' | 'notAttempted'>;
  },
): Promise<void> {
  const { plan, outcome } = submission;
  return recordActivity(user, {
    accountId: submission.accountId,
    source: submission.source,
    objectType: submission.objectType,
    domains: plan.domains,
    paths: plan.calls.flatMap((call) => call.objectPaths),
    taskIds: outcome.taskIds,
    failures: outcome.failed.map((failure) => ({
      domain: failure.domain,
      code: failure.code,
      count: failure.objectPaths.length,
    })),
    notAttempted: objectCount(outcome.notAttempted),
  });
}
