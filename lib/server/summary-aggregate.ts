import 'server-only';
import type { TaskQuery } from '@/lib/filters';
import type { TaskSummary, TimelineBucket } from '@/lib/summary-types';
import { FAILURE_REASONS, type FailureReason, isKnownStatus, type Task } from '@/lib/task';
import type { ResolvedWindow } from '@/lib/time-range';

/**
 * Aggregates for the charts and triage over every row of a filtered window. Pure: rows in, summary
 * out; the reading of rows is someone else's job.
 */

const MINUTE = 60_000;
/** Bucket sizes a timeline may use; the smallest that keeps the chart at most ~72 bars wins. */
const BUCKET_SIZES = [1, 5, 10, 15, 30, 60, 120, 180, 360].map((minutes) => minutes * MINUTE);
const MAX_BUCKETS = 72;
const TOP_N = 10;
const PROGRESS_BINS = 10;

export function bucketSizeFor(window: ResolvedWindow): number {
  const span = window.endMs - window.startMs;
  return BUCKET_SIZES.find((size) => span / size <= MAX_BUCKETS) ?? (BUCKET_SIZES.at(-1) as number);
}

/** `img.example.com/products/2026/` — the domain and up to two directory levels of a path. */
export function pathPrefix(task: Pick<Task, 'objectPath' | 'domain'>): string {
  const withoutScheme = task.objectPath.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const path = withoutScheme.slice(
    withoutScheme.indexOf('/') >= 0 ? withoutScheme.indexOf('/') + 1 : withoutScheme.length,
  );
  const directories = path.split(/[?#]/, 1)[0]?.split('/').slice(0, -1) ?? [];
  const kept = directories.filter(Boolean).slice(0, 2);
  return `${task.domain}/${kept.map((segment) => `${segment}/`).join('')}`;
}

type Focus = 'originTimeout' | 'failed' | 'total';

/** What the ranking is about: what the filter narrows to (product.md). */
export function rankingFocus(query: Pick<TaskQuery, 'reason' | 'status'>): Focus {
  if (query.reason.length === 1 && query.reason[0] === 'origin-timeout') return 'originTimeout';
  if (query.reason.length > 0 || (query.status.length === 1 && query.status[0] === 'Failed')) return 'failed';
  return 'total';
}

export function emptySummary(fetchedAt: string): TaskSummary {
  return {
    total: 0,
    partial: false,
    fetchedAt,
    byStatus: {},
    byReason: {},
    byType: {},
    timeline: [],
    progress: [],
    topDomains: [],
    topPrefixes: [],
    spikes: [],
  };
}

export function aggregateTasks(
  tasks: Iterable<Task>,
  window: ResolvedWindow,
  query: Pick<TaskQuery, 'reason' | 'status'>,
  meta: { partial: boolean; fetchedAt: string },
): TaskSummary {
  const bucketMs = bucketSizeFor(window);
  const firstBucket = Math.floor(window.startMs / bucketMs) * bucketMs;
  const bucketCount = Math.max(1, Math.ceil((window.endMs - firstBucket) / bucketMs));
  const timeline: TimelineBucket[] = Array.from({ length: bucketCount }, (_, index) => ({
    start: iso(firstBucket + index * bucketMs),
    end: iso(firstBucket + (index + 1) * bucketMs),
    Complete: 0,
    Failed: 0,
    Refreshing: 0,
    Pending: 0,
  }));
  const reasonByBucket = new Map<FailureReason, number[]>(
    FAILURE_REASONS.map((reason) => [reason, new Array(bucketCount).fill(0)]),
  );
  const progress = Array.from({ length: PROGRESS_BINS }, (_, index) => ({
    from: index * 10,
    to: index * 10 + 10,
    count: 0,
  }));
  const byStatus: Record<string, number> = {};
  const byReason: Partial<Record<FailureReason, number>> = {};
  const byType: Record<string, number> = {};
  const domains = new Map<string, { domain: string; total: number; failed: number; originTimeout: number }>();
  const prefixes = new Map<
    string,
    { prefix: string; total: number; failed: number; originTimeout: number }
  >();
  let total = 0;

  for (const task of tasks) {
    total += 1;
    byStatus[task.status] = (byStatus[task.status] ?? 0) + 1;
    byType[task.objectType] = (byType[task.objectType] ?? 0) + 1;
    const failed = task.status === 'Failed';
    const originTimeout = task.reason === 'origin-timeout';
    if (task.reason) byReason[task.reason] = (byReason[task.reason] ?? 0) + 1;

    const created = Date.parse(task.createdAt);
    const index = Math.floor((created - firstBucket) / bucketMs);
    const bucket = timeline[index];
    if (bucket && isKnownStatus(task.status)) bucket[task.status] += 1;
    if (task.reason && index >= 0 && index < bucketCount) {
      const counts = reasonByBucket.get(task.reason);
      if (counts) counts[index] = (counts[index] ?? 0) + 1;
    }
    if (task.status === 'Pending' || task.status === 'Refreshing') {
      const bin = progress[Math.min(PROGRESS_BINS - 1, Math.floor(task.progress / 10))];
      if (bin) bin.count += 1;
    }

    const domain = domains.get(task.domain) ?? { domain: task.domain, total: 0, failed: 0, originTimeout: 0 };
    domain.total += 1;
    domain.failed += failed ? 1 : 0;
    domain.originTimeout += originTimeout ? 1 : 0;
    domains.set(task.domain, domain);

    const key = pathPrefix(task);
    const prefix = prefixes.get(key) ?? { prefix: key, total: 0, failed: 0, originTimeout: 0 };
    prefix.total += 1;
    prefix.failed += failed ? 1 : 0;
    prefix.originTimeout += originTimeout ? 1 : 0;
    prefixes.set(key, prefix);
  }

  const focus = rankingFocus(query);
  const rank = <T extends Record<Focus, number>>(rows: Iterable<T>, label: (row: T) => string) =>
    [...rows]
      .filter((row) => row[focus] > 0)
      .sort((a, b) => b[focus] - a[focus] || b.total - a.total || label(a).localeCompare(label(b)))
      .slice(0, TOP_N);

  return {
    total,
    partial: meta.partial,
    fetchedAt: meta.fetchedAt,
    byStatus,
    byReason,
    byType,
    timeline,
    progress,
    topDomains: rank(domains.values(), (row) => row.domain),
    topPrefixes: rank(prefixes.values(), (row) => row.prefix).map(({ prefix, failed, originTimeout }) => ({
      prefix,
      failed,
      originTimeout,
    })),
    spikes: findSpikes(reasonByBucket, timeline),
  };
}

/**
 * A spike: consecutive buckets where a reason's count is well above its own baseline (the median
 * bucket, at least one), i.e. at least 3× the baseline and at least 3 failures. Merged into windows.
 */
export function findSpikes(
  reasonByBucket: Map<FailureReason, number[]>,
  timeline: TimelineBucket[],
): TaskSummary['spikes'] {
  const spikes: TaskSummary['spikes'] = [];
  for (const [reason, counts] of reasonByBucket) {
    const baseline = Math.max(1, median(counts));
    const threshold = Math.max(3, baseline * 3);
    let open: { startIndex: number; count: number } | null = null;
    counts.forEach((count, index) => {
      if (count >= threshold) {
        open = open ? { ...open, count: open.count + count } : { startIndex: index, count };
        return;
      }
      if (open) spikes.push(spikeOf(reason, open, index - 1, timeline));
      open = null;
    });
    if (open) spikes.push(spikeOf(reason, open, counts.length - 1, timeline));
  }
  return spikes.sort((a, b) => b.count - a.count);
}

function spikeOf(
  reason: FailureReason,
  open: { startIndex: number; count: number },
  endIndex: number,
  timeline: TimelineBucket[],
): TaskSummary['spikes'][number] {
  return {
    start: timeline[open.startIndex]?.start ?? '',
    end: timeline[endIndex]?.end ?? '',
    reason,
    count: open.count,
  };
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
