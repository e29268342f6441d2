import 'server-only';
import type { TaskSummary } from '@/lib/summary-types';
import type { Task } from '@/lib/task';
import type { ResolvedWindow } from '@/lib/time-range';
import type { TriageGroup, TriageReport } from '@/lib/triage-types';
import { bucketSizeFor, pathPrefix } from './summary-aggregate';

const TOP_N = 10;

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
 * Groups a window's Origin Timeout failures by domain and by path prefix, each with its share of
 * the domain's tasks and a sparkline, biggest first: one origin or one directory to blame shows at
 * the top. Pure: rows in, report out.
 */
export function aggregateTriage(
  tasks: readonly Task[],
  window: ResolvedWindow,
  spikes: TaskSummary['spikes'],
  meta: { partial: boolean; fetchedAt: string },
): TriageReport {
  const bucketMs = bucketSizeFor(window);
  const firstBucket = Math.floor(window.startMs / bucketMs) * bucketMs;
  const buckets = Math.max(1, Math.ceil((window.endMs - firstBucket) / bucketMs));
  const domainTotals = new Map<string, number>();
  const byDomain = new Map<string, GroupAccumulator>();
  const byPrefix = new Map<string, GroupAccumulator>();
  let originTimeouts = 0;

  for (const task of tasks) {
    domainTotals.set(task.domain, (domainTotals.get(task.domain) ?? 0) + 1);
    if (task.reason !== 'origin-timeout') continue;
    originTimeouts += 1;
    const bucket = Math.min(
      buckets - 1,
      Math.max(0, Math.floor((Date.parse(task.createdAt) - firstBucket) / bucketMs)),
    );
    const prefix = pathPrefix(task);
    count(byDomain, task.domain, task.domain, null, task.createdAt, bucket, buckets);
    count(byPrefix, prefix, task.domain, prefix.slice(task.domain.length), task.createdAt, bucket, buckets);
  }

  const finish = (groups: Map<string, GroupAccumulator>): TriageGroup[] =>
    [...groups.values()]
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
      .slice(0, TOP_N)
      .map((group) => {
        const domainTotal = domainTotals.get(group.domain) ?? group.count;
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
    window: { start: new Date(window.startMs).toISOString(), end: new Date(window.endMs).toISOString() },
    total: tasks.length,
    originTimeouts,
    byDomain: finish(byDomain),
    byPrefix: finish(byPrefix),
    spikes: spikes
      .filter((spike) => spike.reason === 'origin-timeout')
      .map(({ start, end, count: spikeCount }) => ({ start, end, count: spikeCount })),
  };
}

function count(
  groups: Map<string, GroupAccumulator>,
  key: string,
  domain: string,
  path: string | null,
  createdAt: string,
  bucket: number,
  buckets: number,
): void {
  let group = groups.get(key);
  if (!group) {
    group = {
      key,
      domain,
      path,
      count: 0,
      first: createdAt,
      last: createdAt,
      sparkline: new Array(buckets).fill(0),
    };
    groups.set(key, group);
  }
  group.count += 1;
  if (createdAt < group.first) group.first = createdAt;
  if (createdAt > group.last) group.last = createdAt;
  group.sparkline[bucket] = (group.sparkline[bucket] ?? 0) + 1;
}
