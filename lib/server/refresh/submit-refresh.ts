/**
 * One new refresh or prefetch, from the checked paths to the answer: today's quota from the upstream,
 * the plan (lib/refresh-plan.ts), refused whole when a line is malformed or the quota is short (a
 * pipeline wants all or nothing), the calls, one audit line and one /activity entry, and a head poll so the new tasks reach
 * the store (and the open tables) at once.
 */
import 'server-only';
import { createHash } from 'node:crypto';
import { planRefresh } from '@/lib/refresh-plan';
import type { RefreshObjectTypeName, RefreshResponse, RefreshTaskState } from '@/lib/refresh-types';
import { plannedTotal } from '@/lib/resubmit-plan';
import { remainingOf } from '@/lib/resubmit-types';
import { objectCount, recordSubmissionActivity } from '../activity/submission-activity';
import { audit } from '../auth/audit';
import type { SessionUser } from '../auth/session';
import { executePlan } from '../resubmit/execute-plan';
import { syncOf } from '../sync/sync-runtime';
import { describeRefreshQuota } from '../upstream/cdn';

export type RefreshOutcome =
  | { kind: 'submitted'; response: RefreshResponse }
  /** Nothing was submitted: lines the type cannot take, by index. */
  | { kind: 'malformed'; fields: Record<string, string> }
  /** Nothing was submitted: today's quota left for the kind is smaller than the request. */
  | { kind: 'over-quota'; needed: number; remaining: number };

export interface RefreshRequest {
  accountId: string;
  objectType: RefreshObjectTypeName;
  paths: readonly string[];
  idempotencyKey: string | null;
  user: SessionUser;
  tokenId: string | null;
}

export async function submitRefresh(request: RefreshRequest): Promise<RefreshOutcome> {
  const { accountId, objectType, paths } = request;
  const quota = remainingOf(await describeRefreshQuota(accountId));
  const plan = planRefresh(objectType, paths, quota);
  const malformed = plan.leftOut.filter((entry) => entry.reason !== 'quota');
  if (malformed.length > 0) {
    const fields: Record<string, string> = {};
    for (const entry of malformed.slice(0, 20)) {
      fields[`paths.${paths.indexOf(entry.objectPath)}`] = `not a path a ${objectType} submission can take`;
    }
    return { kind: 'malformed', fields };
  }
  const overQuota = plan.leftOut.length;
  if (overQuota > 0) {
    const kind = plan.calls[0]?.kind;
    const remaining = kind ? plan.quotaBefore[kind] : 0;
    return { kind: 'over-quota', needed: plannedTotal(plan) + overQuota, remaining };
  }

  const outcome = await executePlan(accountId, plan.calls);
  if (outcome.taskIds.length > 0) syncOf(accountId)?.requestHead({ now: true });
  audit({
    event: 'cdn.refresh',
    account: accountId,
    user: request.user.name,
    subject: request.user.id,
    tokenId: request.tokenId,
    objectType,
    idempotencyKey: request.idempotencyKey,
    planned: plannedTotal(plan),
    submitted: objectCount(outcome.submitted),
    failed: objectCount(outcome.failed),
    notAttempted: objectCount(outcome.notAttempted),
    taskIds: outcome.taskIds,
    failures: outcome.failed.map((failure) => `${failure.kind} ${failure.domain}: ${failure.code}`),
  });
  await recordSubmissionActivity(request.user, { accountId, source: 'refresh', objectType, plan, outcome });
  return {
    kind: 'submitted',
    response: {
      accountId,
      tasks: outcome.submitted.flatMap((batch) => taskStates(batch.objectPaths, batch.taskIds)),
      duplicates: plan.duplicates,
      failed: outcome.failed,
      notAttempted: outcome.notAttempted,
    },
  };
}

/**
 * Which task each path of one call became: the upstream answers one id for a domain's URLs, one per
 * object for directories and regexes, in the order given (docs/upstream-api.md, "Submitting").
 */
function taskStates(objectPaths: readonly string[], taskIds: readonly string[]): RefreshTaskState[] {
  return objectPaths.map((objectPath, index) => ({
    taskId: (taskIds.length === objectPaths.length ? taskIds[index] : taskIds[0]) ?? '',
    objectPath,
    status: 'Pending',
  }));
}

/** What a request asked for, for the idempotency check: the same key must mean the same request. */
export function refreshFingerprint(
  callerId: string,
  accountId: string,
  objectType: string,
  paths: readonly string[],
): string {
  return createHash('sha256')
    .update(JSON.stringify([callerId, accountId, objectType, paths]))
    .digest('base64url');
}
