/** The JSON contract of `GET /api/tasks/summary` (product.md), shared by server and charts. */
import type { FailureReason, KnownTaskStatus } from './task';

export interface TimelineBucket {
  start: string;
  end: string;
  Complete: number;
  Failed: number;
  Refreshing: number;
  Pending: number;
}

export interface TaskSummary {
  total: number;
  partial: boolean;
  fetchedAt: string;
  byStatus: Partial<Record<KnownTaskStatus | string, number>>;
  byReason: Partial<Record<FailureReason, number>>;
  byType: Record<string, number>;
  timeline: TimelineBucket[];
  progress: Array<{ from: number; to: number; count: number }>;
  topDomains: Array<{ domain: string; total: number; failed: number; originTimeout: number }>;
  topPrefixes: Array<{ prefix: string; failed: number; originTimeout: number }>;
  spikes: Array<{ start: string; end: string; reason: FailureReason; count: number }>;
}

/** While a summary is still being read, the page shows how far along it is. */
export interface SummaryProgress {
  pagesRead: number;
  /** Known once every stream's first page is in; null before. */
  pagesTotal: number | null;
  done: boolean;
}

/** One line of the streamed (NDJSON) summary: the aggregate so far and how far the read is. */
export interface SummarySnapshot {
  summary: TaskSummary;
  progress: SummaryProgress;
}
