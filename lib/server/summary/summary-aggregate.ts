/**
 * Aggregates for the charts and triage over every row of a filtered window. Pure: counts the store
 * grouped in, summary out; the reading and grouping of rows is someone else's job.
 */
import 'server-only';
import { DURATION_BINS, durationStats } from '@/lib/duration-bins';
import type { DataFilters } from '@/lib/filters';
import type { TaskSummary, TimelineBucket } from '@/lib/summary-types';
import {
  FAILURE_REASONS,
  type FailureReason,
  isReportedStatus,
  OFFERED_STATUSES,
  type Task,
} from '@/lib/task';
import { isoSeconds, type ResolvedWindow } from '@/lib/time-range';

const MINUTE = 60_000;
/** Bucket sizes a timeline may use; the smallest that keeps the chart at most ~72 bars wins. */
const BUCKET_SIZES = [1, 5, 10, 15, 30, 60, 120, 180, 360].map((minutes) => minutes * MINUTE);
const MAX_BUCKETS = 72;
/** Rows each ranking of the summary shows. */
export const SUMMARY_TOP_N = 10;
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

/** What the ranking is about: what the filter narrows to (docs/contract.md). */
export function rankingFocus(query: Pick<DataFilters, 'reason' | 'status'>): Focus {
  if (query.reason.length === 1 && query.reason[0] === 'origin-timeout') return 'originTimeout';
  if (query.reason.length > 0 || (query.status.length === 1 && query.status[0] === 'Failed')) return 'failed';
  return 'total';
}

export interface Counts {
  total: number;
  failed: number;
  originTimeout: number;
}

/** One group of rows counted by the store. */
type SummaryGroup =
  | { kind: 'status'; status: string; count: number }
  | { kind: 'type'; type: string; count: number }
  | { kind: 'reason'; reason: FailureReason; count: number }
  | { kind: 'bucketStatus'; bucket: number; status: string; count: number }
  | { kind: 'bucketReason'; bucket: number; reason: FailureReason; count: number }
  | { kind: 'progress'; bin: number; count: number }
  | { kind: 'domain'; domain: string; counts: Counts }
  | { kind: 'prefix'; prefix: string; counts: Counts }
  /** Rows with a known time to finish, in one timeline bucket, of one type, in one duration bin. */
  | { kind: 'duration'; bucket: number; type: string; bin: number; count: number };

/** Counts per duration bin, per object type. */
type Histograms = Map<string, number[]>;

function addToHistogram(histograms: Histograms, type: string, bin: number, count: number): void {
  let counts = histograms.get(type);
  if (!counts) {
    counts = new Array(DURATION_BINS).fill(0);
    histograms.set(type, counts);
  }
  const at = Math.min(DURATION_BINS - 1, Math.max(0, bin));
  counts[at] = (counts[at] ?? 0) + count;
}

function statsByType(histograms: Histograms): TaskSummary['durations']['byType'] {
  const byType: TaskSummary['durations']['byType'] = {};
  for (const [type, counts] of [...histograms].sort(([a], [b]) => a.localeCompare(b))) {
    const stats = durationStats(counts);
    if (stats) byType[type] = stats;
  }
  return byType;
}

/**
 * Adds up the counts the store grouped and answers a summary of what it has been given at any
 * moment; a snapshot costs only the ranking. (testing/row-aggregation.ts groups rows one by one into
 * the same calls: the reference the store's SQL is tested against.)
 */
export class SummaryAggregator {
  private readonly bucketMs: number;
  private readonly firstBucket: number;
  private readonly timeline: TimelineBucket[];
  private readonly reasonByBucket: Map<FailureReason, number[]>;
  private readonly progress: TaskSummary['progress'];
  private readonly byStatus: Record<string, number> = {};
  private readonly byReason: Partial<Record<FailureReason, number>> = {};
  private readonly byType: Record<string, number> = {};
  private readonly domains = new Map<string, Counts & { domain: string }>();
  private readonly prefixes = new Map<string, Counts & { prefix: string }>();
  private readonly durations: Histograms = new Map();
  private readonly durationsByBucket: Histograms[];
  private total = 0;

  constructor(
    window: ResolvedWindow,
    private readonly query: Pick<DataFilters, 'reason' | 'status'>,
  ) {
    this.bucketMs = bucketSizeFor(window);
    this.firstBucket = Math.floor(window.startMs / this.bucketMs) * this.bucketMs;
    const bucketCount = Math.max(1, Math.ceil((window.endMs - this.firstBucket) / this.bucketMs));
    this.timeline = Array.from({ length: bucketCount }, (_, index) => ({
      start: isoSeconds(this.firstBucket + index * this.bucketMs),
      end: isoSeconds(this.firstBucket + (index + 1) * this.bucketMs),
      ...(Object.fromEntries(OFFERED_STATUSES.map((status) => [status, 0])) as Record<
        (typeof OFFERED_STATUSES)[number],
        number
      >),
    }));
    this.durationsByBucket = Array.from({ length: bucketCount }, () => new Map());
    this.reasonByBucket = new Map(FAILURE_REASONS.map((reason) => [reason, new Array(bucketCount).fill(0)]));
    this.progress = Array.from({ length: PROGRESS_BINS }, (_, index) => ({
      from: index * 10,
      to: index * 10 + 10,
      count: 0,
    }));
  }

  /** Adds counts the store grouped already (see store/summary-reads.ts). */
  addGroup(group: SummaryGroup): void {
    switch (group.kind) {
      case 'status':
        this.total += group.count;
        this.byStatus[group.status] = (this.byStatus[group.status] ?? 0) + group.count;
        return;
      case 'type':
        this.byType[group.type] = (this.byType[group.type] ?? 0) + group.count;
        return;
      case 'reason':
        this.byReason[group.reason] = (this.byReason[group.reason] ?? 0) + group.count;
        return;
      case 'bucketStatus': {
        const bucket = this.timeline[group.bucket];
        if (bucket && isReportedStatus(group.status)) bucket[group.status] += group.count;
        return;
      }
      case 'bucketReason': {
        const counts = this.reasonByBucket.get(group.reason);
        if (counts && group.bucket >= 0 && group.bucket < counts.length)
          counts[group.bucket] = (counts[group.bucket] ?? 0) + group.count;
        return;
      }
      case 'progress': {
        const bin = this.progress[Math.min(PROGRESS_BINS - 1, Math.max(0, group.bin))];
        if (bin) bin.count += group.count;
        return;
      }
      case 'domain':
        this.domains.set(group.domain, { domain: group.domain, ...group.counts });
        return;
      case 'prefix':
        this.prefixes.set(group.prefix, { prefix: group.prefix, ...group.counts });
        return;
      case 'duration': {
        addToHistogram(this.durations, group.type, group.bin, group.count);
        const histograms = this.durationsByBucket[group.bucket];
        if (histograms) addToHistogram(histograms, group.type, group.bin, group.count);
        return;
      }
    }
  }

  /** The timeline bucket a creation time falls in (the store computes the same in SQL). */
  get buckets(): { firstBucketMs: number; bucketMs: number } {
    return { firstBucketMs: this.firstBucket, bucketMs: this.bucketMs };
  }

  /** The summary of every row added so far. Copies, so later additions do not change it. */
  summary(meta: { partial: boolean; fetchedAt: string }): TaskSummary {
    const focus = rankingFocus(this.query);
    const rank = <T extends Counts>(rows: Iterable<T>, label: (row: T) => string) =>
      [...rows]
        .filter((row) => row[focus] > 0)
        .sort((a, b) => b[focus] - a[focus] || b.total - a.total || label(a).localeCompare(label(b)))
        .slice(0, SUMMARY_TOP_N)
        .map((row) => ({ ...row }));
    return {
      total: this.total,
      partial: meta.partial,
      fetchedAt: meta.fetchedAt,
      byStatus: { ...this.byStatus },
      byReason: { ...this.byReason },
      byType: { ...this.byType },
      timeline: this.timeline.map((bucket) => ({ ...bucket })),
      progress: this.progress.map((bin) => ({ ...bin })),
      topDomains: rank(this.domains.values(), (row) => row.domain),
      topPrefixes: rank(this.prefixes.values(), (row) => row.prefix).map(
        ({ prefix, failed, originTimeout }) => ({
          prefix,
          failed,
          originTimeout,
        }),
      ),
      spikes: findSpikes(this.reasonByBucket, this.timeline),
      durations: {
        byType: statsByType(this.durations),
        timeline: this.timeline.map((bucket, index) => ({
          start: bucket.start,
          end: bucket.end,
          byType: statsByType(this.durationsByBucket[index] ?? new Map()),
        })),
      },
    };
  }
}

/**
 * A spike: consecutive buckets where a reason's count is well above its own baseline (the median
 * bucket, at least one), i.e. at least 3× the baseline and at least 3 failures. Merged into windows.
 */
function findSpikes(
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
