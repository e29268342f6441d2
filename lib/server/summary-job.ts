import 'server-only';
import { type TaskQuery, toApiSearch } from '@/lib/filters';
import type { SummarySnapshot, TaskSummary } from '@/lib/summary-types';
import type { Task } from '@/lib/task';
import type { ResolvedWindow } from '@/lib/time-range';
import { describeRefreshTasks } from './cdn';
import { planQuery } from './plan';
import { SummaryAggregator } from './summary-aggregate';
import { CallBudget, type DescribeFn, TaskStream } from './task-streams';

/**
 * Reads every row of a filtered window for the summary, once per distinct query: concurrent viewers
 * of the same charts share one read (in-flight de-duplication) and, for a short while, its result.
 * The read publishes snapshots as pages arrive, so charts fill in before the last page is in.
 */

/** At 5 calls/s about 80 s of budget: enough for 30,000 tasks (300 pages) with room for fan-out. */
export const SUMMARY_CALL_BUDGET = 400;
/** How long a finished summary answers identical queries without reading again. */
export const SUMMARY_CACHE_MS = 30_000;
/** Snapshots are recomputed at most this often while pages stream in. */
const SNAPSHOT_INTERVAL_MS = 400;

type Listener = (snapshot: SummarySnapshot) => void;

export class SummaryJob {
  private latest: SummarySnapshot;
  /** Every matching row, kept once the read is done, for views that need more than the summary. */
  rows: readonly Task[] = [];
  private readonly listeners = new Set<Listener>();
  readonly done: Promise<TaskSummary>;
  finishedAt: number | null = null;

  constructor(
    private readonly query: TaskQuery,
    private readonly window: ResolvedWindow,
    fetchPage: DescribeFn,
    callBudget: number,
  ) {
    const fetchedAt = new Date().toISOString();
    this.latest = {
      summary: new SummaryAggregator(window, query).summary({ partial: false, fetchedAt }),
      progress: { pagesRead: 0, pagesTotal: null, done: false },
    };
    this.done = this.run(fetchPage, callBudget, fetchedAt);
    // A failed read is reported through `done`; listeners must not see an unhandled rejection.
    this.done.catch(() => undefined);
  }

  get resolvedWindow(): ResolvedWindow {
    return this.window;
  }

  get snapshot(): SummarySnapshot {
    return this.latest;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private publish(snapshot: SummarySnapshot): void {
    this.latest = snapshot;
    for (const listener of this.listeners) listener(snapshot);
  }

  private async run(fetchPage: DescribeFn, callBudget: number, fetchedAt: string): Promise<TaskSummary> {
    const plan = planQuery(this.query, this.window);
    const budget = new CallBudget(callBudget);
    const streams = plan.streams.map((params) => new TaskStream(params, fetchPage));
    const aggregator = new SummaryAggregator(this.window, this.query);
    let pagesRead = 0;
    let lastSnapshot = 0;
    const pagesTotal = () =>
      streams.every((s) => s.total !== null)
        ? streams.reduce((n, s) => n + Math.max(1, s.pageCount), 0)
        : null;
    // Each page is counted once, as it arrives; a snapshot only ranks what has been counted.
    const onPage = (stream: TaskStream, page: number, read: boolean, force = false) => {
      if (!read) return;
      const rows = stream.pageRows(page);
      aggregator.add(plan.keep ? rows.filter(plan.keep) : rows);
      pagesRead += 1;
      const now = Date.now();
      if (!force && now - lastSnapshot < SNAPSHOT_INTERVAL_MS) return;
      lastSnapshot = now;
      this.publish({
        summary: aggregator.summary({ partial: false, fetchedAt }),
        progress: { pagesRead, pagesTotal: pagesTotal(), done: false },
      });
    };

    await Promise.all(
      streams.map((stream) => stream.readPage(1, budget).then((read) => onPage(stream, 1, read, true))),
    );
    // Newest data first across all streams: page 2 of every stream, then page 3 of every stream…
    const reads: Array<Promise<void>> = [];
    const deepest = Math.max(0, ...streams.map((stream) => stream.pageCount));
    for (let page = 2; page <= deepest; page += 1) {
      for (const stream of streams) {
        if (page <= stream.pageCount) {
          reads.push(stream.readPage(page, budget).then((read) => onPage(stream, page, read)));
        }
      }
    }
    await Promise.all(reads);

    const rows = streams.flatMap((stream) => stream.rowsRead());
    this.rows = plan.keep ? rows.filter(plan.keep) : rows;
    const summary = aggregator.summary({ partial: budget.exceeded, fetchedAt });
    this.finishedAt = Date.now();
    this.publish({ summary, progress: { pagesRead, pagesTotal: pagesTotal(), done: true } });
    return summary;
  }
}

const jobs = new Map<string, SummaryJob>();

/** The running or recently finished read for this query, or a new one. */
export function summaryJobFor(
  query: TaskQuery,
  window: ResolvedWindow,
  fetchPage: DescribeFn = describeRefreshTasks,
  callBudget = SUMMARY_CALL_BUDGET,
): SummaryJob {
  const key = toApiSearch({ ...query, page: 1, size: 20 });
  const existing = jobs.get(key);
  const fresh =
    existing && (existing.finishedAt === null || Date.now() - existing.finishedAt < SUMMARY_CACHE_MS);
  if (existing && fresh) return existing;
  const job = new SummaryJob(query, window, fetchPage, callBudget);
  jobs.set(key, job);
  // A failed read must not be served from the cache.
  job.done.catch(() => {
    if (jobs.get(key) === job) jobs.delete(key);
  });
  pruneFinished();
  return job;
}

function pruneFinished(): void {
  const now = Date.now();
  for (const [key, job] of jobs) {
    if (job.finishedAt !== null && now - job.finishedAt >= SUMMARY_CACHE_MS) jobs.delete(key);
  }
}
