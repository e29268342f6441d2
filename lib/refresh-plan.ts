/**
 * Planning a new refresh or prefetch from the lines someone typed or pasted: the resubmission
 * planner (lib/resubmit-plan.ts) over those lines, so a new submission keeps exactly the same rules —
 * per-domain calls within the upstream's per-call limits, duplicates merged, lines the type cannot
 * take named, the quota before and after. Pure: the form and the route compute the same plan.
 */

import { type RefreshObjectTypeName, TASK_TYPE_OF } from './refresh-types';
import { planResubmission, type QuotaRemaining, type ResubmitPlan } from './resubmit-plan';

/** The domain of an http(s) URL as the submit calls group it; empty for anything else. */
function domainOf(objectPath: string): string {
  return /^https?:\/\/([^/?#\s]+)/i.exec(objectPath)?.[1]?.toLowerCase() ?? '';
}

/** The lines of pasted text (one path per line, or spreadsheet cells split by tabs), trimmed, blanks dropped. */
export function pathsOfText(text: string): string[] {
  return text
    .split(/[\r\n\t]+/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

export function planRefresh(
  objectType: RefreshObjectTypeName,
  paths: readonly string[],
  quota: QuotaRemaining,
): ResubmitPlan {
  const taskType = TASK_TYPE_OF[objectType];
  return planResubmission(
    paths.map((objectPath) => ({ objectPath, objectType: taskType, domain: domainOf(objectPath) })),
    quota,
  );
}
