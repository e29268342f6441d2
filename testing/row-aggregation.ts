/**
 * The summary and triage of a set of rows, counted row by row in JavaScript: the reference the tests
 * hold the store's SQL grouping (store/summary-reads.ts, store/*-cells.ts, store/triage-reads.ts)
 * against. The product only ever adds counts the store grouped (SummaryAggregator.addGroup,
 * TriageCounts.addGroup); this turns each row into the groups it belongs to and adds those, so both
 * paths end in the same aggregator and differ only in who did the grouping.
 */
import { durationBin } from '@/lib/duration-bins';
import type { DataFilters } from '@/lib/filters';
import { type Counts, pathPrefix, SummaryAggregator } from '@/lib/server/summary/summary-aggregate';
import { TriageCounts } from '@/lib/server/summary/triage-aggregate';
import type { TaskSummary } from '@/lib/summary-types';
import { isInFlight, type Task } from '@/lib/task';
import type { ResolvedWindow } from '@/lib/time-range';
import type { TriageReport } from '@/lib/triage-types';

type Meta = { partial: boolean; fetchedAt: string };

/** The duration bin of a row's time to finish, or null while it has not ended. */
function durationBinOf(task: Task): number | null {
  return task.finishedAt
    ? durationBin((Date.parse(task.finishedAt) - Date.parse(task.createdAt)) / 1000)
    : null;
}

/**
 * A summary fed page by page, as a streamed read would: `add` takes any slice of the rows, `summary`
 * answers for every row added so far. Domain and prefix counts are whole-set figures (the aggregator
 * replaces them), so they are kept here and handed over again after each slice.
 */
export class RowSummary {
  private readonly aggregator: SummaryAggregator;
  private readonly domains = new Map<string, Counts>();
  private readonly prefixes = new Map<string, Counts>();

  constructor(window: ResolvedWindow, query: Pick<DataFilters, 'reason' | 'status'>) {
    this.aggregator = new SummaryAggregator(window, query);
  }

  add(tasks: Iterable<Task>): void {
    const { firstBucketMs, bucketMs } = this.aggregator.buckets;
    const touchedDomains = new Set<string>();
    const touchedPrefixes = new Set<string>();
    for (const task of tasks) {
      const bucket = Math.floor((Date.parse(task.createdAt) - firstBucketMs) / bucketMs);
      const add = this.aggregator.addGroup.bind(this.aggregator);
      add({ kind: 'status', status: task.status, count: 1 });
      add({ kind: 'type', type: task.objectType, count: 1 });
      add({ kind: 'bucketStatus', bucket, status: task.status, count: 1 });
      if (task.reason) {
        add({ kind: 'reason', reason: task.reason, count: 1 });
        add({ kind: 'bucketReason', bucket, reason: task.reason, count: 1 });
      }
      if (isInFlight(task)) add({ kind: 'progress', bin: Math.floor(task.progress / 10), count: 1 });
      const bin = durationBinOf(task);
      if (bin !== null) add({ kind: 'duration', bucket, type: task.objectType, bin, count: 1 });

      const failed = task.status === 'Failed' ? 1 : 0;
      const originTimeout = task.reason === 'origin-timeout' ? 1 : 0;
      tally(this.domains, task.domain, failed, originTimeout);
      touchedDomains.add(task.domain);
      const prefix = pathPrefix(task);
      tally(this.prefixes, prefix, failed, originTimeout);
      touchedPrefixes.add(prefix);
    }
    for (const domain of touchedDomains)
      this.aggregator.addGroup({
        kind: 'domain',
        domain,
        counts: { ...(this.domains.get(domain) as Counts) },
      });
    for (const prefix of touchedPrefixes)
      this.aggregator.addGroup({
        kind: 'prefix',
        prefix,
        counts: { ...(this.prefixes.get(prefix) as Counts) },
      });
  }

  summary(meta: Meta): TaskSummary {
    return this.aggregator.summary(meta);
  }
}

function tally(counts: Map<string, Counts>, key: string, failed: number, originTimeout: number): void {
  const current = counts.get(key) ?? { total: 0, failed: 0, originTimeout: 0 };
  counts.set(key, {
    total: current.total + 1,
    failed: current.failed + failed,
    originTimeout: current.originTimeout + originTimeout,
  });
}

/** The summary of a complete set of rows, in one pass. */
export function summaryOfRows(
  tasks: Iterable<Task>,
  window: ResolvedWindow,
  query: Pick<DataFilters, 'reason' | 'status'>,
  meta: Meta,
): TaskSummary {
  const summary = new RowSummary(window, query);
  summary.add(tasks);
  return summary.summary(meta);
}

/** The triage report of a complete set of rows, row by row. */
export function triageOfRows(
  tasks: readonly Task[],
  window: ResolvedWindow,
  spikes: TaskSummary['spikes'],
  meta: Meta,
): TriageReport {
  const counts = new TriageCounts(window);
  for (const task of tasks) {
    counts.addDomainTotal(task.domain, 1);
    const bin = durationBinOf(task);
    if (bin !== null) counts.addDuration(task.domain, bin, 1);
    if (task.reason !== 'origin-timeout') continue;
    const bucket = Math.floor((Date.parse(task.createdAt) - counts.firstBucketMs) / counts.bucketMs);
    const prefix = pathPrefix(task);
    for (const grouping of ['domain', 'prefix'] as const)
      counts.addGroup({
        grouping,
        domain: task.domain,
        prefix,
        bucket,
        count: 1,
        first: task.createdAt,
        last: task.createdAt,
      });
  }
  return counts.report(spikes, meta);
}
