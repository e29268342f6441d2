import 'server-only';
import type { PlannedCall, SubmitKind } from '@/lib/resubmit-plan';
import type { ResubmitResult, SubmitFailureReason } from '@/lib/resubmit-types';
import {
  pushObjectCache,
  type RefreshObjectType,
  refreshObjectCaches,
  type Submission,
} from '../upstream/cdn';
import { toUpstreamError, type UpstreamError } from '../upstream/upstream-error';

/**
 * Makes a plan's calls, one after another, each through the account's rate budget for its action,
 * and says exactly what happened to every object: submitted (with its task ids), refused or failed
 * (with the upstream's code and message), or never sent because an earlier failure stopped the run.
 * A refusal about one call's own objects (a domain not in the account, a malformed line) does not stop
 * the others; anything that would fail the next call too (quota, throttling, an outage) or leaves the
 * outcome unknown does.
 */
type CallOutcome = Pick<ResubmitResult, 'taskIds' | 'submitted' | 'failed' | 'notAttempted'>;

const REFRESH_TYPE: Record<Exclude<SubmitKind, 'prefetch'>, RefreshObjectType> = {
  url: 'File',
  directory: 'Directory',
  regex: 'Regex',
};

type SubmitCall = (call: PlannedCall) => Promise<Submission>;

/** Submits one planned call to the account's upstream, within that account's budget. */
export function submitToUpstream(accountId: string): SubmitCall {
  return (call) =>
    call.kind === 'prefetch'
      ? pushObjectCache(accountId, call.objectPaths)
      : refreshObjectCaches(accountId, REFRESH_TYPE[call.kind], call.objectPaths);
}

export async function executePlan(
  accountId: string,
  calls: readonly PlannedCall[],
  submit: SubmitCall = submitToUpstream(accountId),
): Promise<CallOutcome> {
  const outcome: CallOutcome = { taskIds: [], submitted: [], failed: [], notAttempted: [] };
  let stopped = false;
  for (const call of calls) {
    const batch = { kind: call.kind, domain: call.domain, objectPaths: call.objectPaths };
    if (stopped) {
      outcome.notAttempted.push(batch);
      continue;
    }
    try {
      const { taskIds } = await submit(call);
      outcome.submitted.push({ ...batch, taskIds });
      outcome.taskIds.push(...taskIds);
    } catch (thrown) {
      const error = toUpstreamError(thrown);
      const reason = failureReason(error);
      outcome.failed.push({ ...batch, reason, code: error.code, message: error.message });
      stopped = stopsTheRun(reason);
    }
  }
  return outcome;
}

/** The upstream's error, as what the operator should understand from it. */
function failureReason(error: UpstreamError): SubmitFailureReason {
  if (error.code.startsWith('QuotaExceeded')) return 'quota-exceeded';
  if (error.code === 'InvalidDomain.NotFound') return 'domain-not-in-account';
  if (error.kind === 'throttled') return 'throttled';
  if (error.kind === 'refused') return 'rejected';
  if (error.kind === 'timeout' || error.kind === 'broken') return 'outcome-unknown';
  return 'unavailable';
}

function stopsTheRun(reason: SubmitFailureReason): boolean {
  return reason !== 'domain-not-in-account' && reason !== 'rejected';
}
