import 'server-only';
import { DURATION_BINS, durationStats } from '@/lib/duration-bins';
import type { TaskSummary } from '@/lib/summary-types';
import type { ResolvedWindow } from '@/lib/time-range';
import type { TriageGroup, TriageReport } from '@/lib/triage-types';
import { bucketSizeFor } from './summary-aggregate';

/** Groups each ranking of the report shows. */
export const TRIAGE_TOP_N = 10;
/** Fewer tasks with a known end than this say little about a domain's p90. */
const MIN_SLOW_COUNT = 5;

interface GroupAccumulator {
  key: string;
  domain: string;
  path: string | null;
  count: number;
  first: string;
  last: string;
  sparkline: number[];
}

/**
 * A window's Origin Timeout failures grouped by domain and by path prefix, each with its share of
 * the domain's tasks and a sparkline, biggest first: one origin or one directory to blame shows at
 * the top. The store groups the rows (store/triage-reads.ts, store/triage-cells.ts) and adds the
 * counts here; testing/row-aggregation.ts does the same grouping row by row, for the tests.
 */
export class TriageCounts {
  readonly bucketMs: number;
  readonly firstBucketMs: number;
  readonly buckets: number;
  private readonly domainTotals = new Map<string, number>();
  private readonly byDomain = new Map<string, GroupAccumulator>();
  private readonly byPrefix = new Map<string, GroupAccumulator>();
  private readonly durations = new Map<string, number[]>();
  private total = 0;
  private originTimeouts = 0;

  constructor(private readonly window: ResolvedWindow) {
    this.bucketMs = bucketSizeFor(window);
    this.firstBucketMs = Math.floor(window.startMs / this.bucketMs) * this.bucketMs;
    this.buckets = Math.max(1, Math.ceil((window.endMs - this.firstBucketMs) / this.bucketMs));
  }

  /** Tasks of a domain with a known time to finish, in one duration bin. */
  addDuration(domain: string, bin: number, count: number): void {
    let counts = this.durations.get(domain);
    if (!counts) {
      counts = new Array(DURATION_BINS).fill(0);
      this.durations.set(domain, counts);
    }
    const at = Math.min(DURATION_BINS - 1, Math.max(0, bin));
    counts[at] = (counts[at] ?? 0) + count;
  }

  addDomainTotal(domain: string, count: number): void {
    this.total += count;
    this.domainTotals.set(domain, (this.domainTotals.get(domain) ?? 0) + count);
  }

  /** Origin Timeouts of one group in one timeline bucket. */
  addGroup(group: {
    grouping: 'domain' | 'prefix';
    domain: string;
    prefix: string;
    bucket: number;
    count: number;
    first: string;
    last: string;
  }): void {
    const byPrefix = group.grouping === 'prefix';
    if (!byPrefix) this.originTimeouts += group.count;
    const groups = byPrefix ? this.byPrefix : this.byDomain;
    const key = byPrefix ? group.prefix : group.domain;
    let accumulator = groups.get(key);
    if (!accumulator) {
      accumulator = {
        key,
        domain: group.domain,
        path: byPrefix ? group.prefix.slice(group.domain.length) : null,
        count: 0,
        first: group.first,
        last: group.last,
        sparkline: new Array(this.buckets).fill(0),
      };
      groups.set(key, accumulator);
    }
    accumulator.count += group.count;
    if (group.first < accumulator.first) accumulator.first = group.first;
    if (group.last > accumulator.last) accumulator.last = group.last;
    const bucket = Math.min(this.buckets - 1, Math.max(0, group.bucket));
    accumulator.sparkline[bucket] = (accumulator.sparkline[bucket] ?? 0) + group.count;
  }

  report(spikes: TaskSummary['spikes'], meta: { partial: boolean; fetchedAt: string }): TriageReport {
    const finish = (groups: Map<string, GroupAccumulator>): TriageGroup[] =>
      [...groups.values()]
        .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
        .slice(0, TRIAGE_TOP_N)
        .map((group) => {
          const domainTotal = this.domainTotals.get(group.domain) ?? group.count;
          return {
            key: group.key,
            domain: group.domain,
            path: group.path,
            count: group.count,
            share: domainTotal === 0 ? 0 : group.count / domainTotal,
            domainTotal,
            firstSeen: group.first,
            lastSeen: group.last,
            sparkline: group.sparkline,
          };
        });
    return {
      fetchedAt: meta.fetchedAt,
      partial: meta.partial,
      window: {
        start: new Date(this.window.startMs).toISOString(),
        end: new Date(this.window.endMs).toISOString(),
      },
      total: this.total,
      originTimeouts: this.originTimeouts,
      byDomain: finish(this.byDomain),
      byPrefix: finish(this.byPrefix),
      spikes: spikes
        .filter((spike) => spike.reason === 'origin-timeout')
        .map(({ start, end, count }) => ({ start, end, count })),
      slowestDomains: [...this.durations]
        .flatMap(([domain, counts]) => {
          const stats = durationStats(counts);
          return stats && stats.count >= MIN_SLOW_COUNT ? [{ domain, ...stats }] : [];
        })
        .sort((a, b) => b.p90 - a.p90 || b.count - a.count || a.domain.localeCompare(b.domain))
        .slice(0, TRIAGE_TOP_N),
    };
  }
}
