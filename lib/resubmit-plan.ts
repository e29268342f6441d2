/**
 * Planning a resubmission of failed tasks: which upstream call each object goes into, what is left
 * out and why, and what the daily quota looks like afterwards. Pure, so the confirmation dialog and
 * the route handler compute the same plan from the same rows; the rules it keeps are the submit
 * calls' own (docs/upstream-api.md, "Submitting").
 */

/** What a resubmission spends: each kind has its own daily quota and per-call limit upstream. */
export const SUBMIT_KINDS = ['url', 'directory', 'regex', 'prefetch'] as const;
export type SubmitKind = (typeof SUBMIT_KINDS)[number];

/** The task type (as the store keeps it) each kind is resubmitted from. Block tasks are not resubmitted. */
const KIND_OF_TASK_TYPE: Readonly<Record<string, SubmitKind>> = {
  file: 'url',
  directory: 'directory',
  regex: 'regex',
  preload: 'prefetch',
};

/** The most objects one call may carry: RefreshObjectCaches 1,000 URLs, 100 directories, 1 regex; PushObjectCache 100 URLs. */
export const MAX_PER_CALL: Readonly<Record<SubmitKind, number>> = {
  url: 1_000,
  directory: 100,
  regex: 1,
  prefetch: 100,
};

/** The upstream refuses a line longer than this, or one holding a control character (a line break would split it). */
const MAX_OBJECT_PATH_LENGTH = 1_024;

/** Today's remaining quota per kind, as DescribeRefreshQuota reports it. */
export type QuotaRemaining = Record<SubmitKind, number>;

export interface ResubmitCandidate {
  objectPath: string;
  /** The task type as stored: `file`, `directory`, `regex`, `preload`, … */
  objectType: string;
  domain: string;
}

export interface PlannedCall {
  kind: SubmitKind;
  /** Each call holds one domain's objects, so an error about a domain names exactly its objects. */
  domain: string;
  objectPaths: string[];
}

export const LEFT_OUT_REASONS = ['quota', 'unsupported-type', 'malformed-path'] as const;
export type LeftOutReason = (typeof LEFT_OUT_REASONS)[number];

export interface LeftOut {
  objectPath: string;
  objectType: string;
  reason: LeftOutReason;
}

export interface ResubmitPlan {
  calls: PlannedCall[];
  /** Objects that will not be submitted, in the order they were offered. */
  leftOut: LeftOut[];
  /** How many offered objects were the same as an earlier one (same kind, same path) and merged. */
  duplicates: number;
  /** Objects to submit per kind. */
  counts: Record<SubmitKind, number>;
  /** Domains of the objects to submit, sorted. */
  domains: string[];
  quotaBefore: QuotaRemaining;
  quotaAfter: QuotaRemaining;
}

const CONTROL_CHARACTERS = /\p{Cc}/u;

const zeroCounts = (): Record<SubmitKind, number> => ({ url: 0, directory: 0, regex: 0, prefetch: 0 });

/**
 * The plan for resubmitting `candidates` (in the order given, which decides who is left out when the
 * quota runs short): de-duplicated per kind and path, within `quota`, grouped by kind and domain, and
 * split into calls no larger than the upstream accepts.
 */
export function planResubmission(
  candidates: readonly ResubmitCandidate[],
  quota: QuotaRemaining,
): ResubmitPlan {
  const leftOut: LeftOut[] = [];
  const counts = zeroCounts();
  const seen = new Set<string>();
  let duplicates = 0;
  // kind → domain → paths, in first-seen order.
  const grouped = new Map<SubmitKind, Map<string, string[]>>();

  for (const candidate of candidates) {
    const kind = KIND_OF_TASK_TYPE[candidate.objectType];
    const { objectPath, objectType } = candidate;
    if (kind === undefined) {
      leftOut.push({ objectPath, objectType, reason: 'unsupported-type' });
      continue;
    }
    if (!isSubmittablePath(objectPath)) {
      leftOut.push({ objectPath, objectType, reason: 'malformed-path' });
      continue;
    }
    const identity = `${kind} ${objectPath}`;
    if (seen.has(identity)) {
      duplicates += 1;
      continue;
    }
    seen.add(identity);
    if (counts[kind] >= Math.max(0, quota[kind])) {
      leftOut.push({ objectPath, objectType, reason: 'quota' });
      continue;
    }
    counts[kind] += 1;
    const byDomain = grouped.get(kind) ?? new Map<string, string[]>();
    grouped.set(kind, byDomain);
    const paths = byDomain.get(candidate.domain) ?? [];
    byDomain.set(candidate.domain, paths);
    paths.push(objectPath);
  }

  const calls: PlannedCall[] = [];
  for (const kind of SUBMIT_KINDS) {
    for (const [domain, paths] of grouped.get(kind) ?? []) {
      for (const chunk of chunks(paths, MAX_PER_CALL[kind])) calls.push({ kind, domain, objectPaths: chunk });
    }
  }
  const quotaAfter = { ...quota };
  for (const kind of SUBMIT_KINDS) quotaAfter[kind] = Math.max(0, quota[kind] - counts[kind]);
  return {
    calls,
    leftOut,
    duplicates,
    counts,
    domains: [...new Set(calls.map((call) => call.domain))].sort(),
    quotaBefore: { ...quota },
    quotaAfter,
  };
}

/** A line the submit calls can take: an http(s) URL, short enough, on one line. */
function isSubmittablePath(objectPath: string): boolean {
  return (
    objectPath.length > 0 &&
    objectPath.length <= MAX_OBJECT_PATH_LENGTH &&
    !CONTROL_CHARACTERS.test(objectPath) &&
    /^https?:\/\/[^/?#\s]+/i.test(objectPath)
  );
}

/** Total objects the plan submits. */
export function plannedTotal(plan: Pick<ResubmitPlan, 'counts'>): number {
  return SUBMIT_KINDS.reduce((sum, kind) => sum + plan.counts[kind], 0);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
