/** DescribeRefreshQuota: today's quotas and what remains of them, as strings like the real answer. */
import type { ActionContext, ActionResult } from './action-context';
import { QUOTA_KINDS } from './quota';

export function describeRefreshQuota({ state, now }: ActionContext): ActionResult {
  const result: Record<string, string> = {};
  for (const kind of QUOTA_KINDS) {
    result[`${kind}Quota`] = String(state.quota.quota(kind));
    result[`${kind}Remain`] = String(state.quota.remaining(kind, now));
  }
  return result;
}
