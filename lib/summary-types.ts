/** The JSON contract of `GET /api/tasks/summary` (docs/contract.md), shared by server and charts. */
import type { DurationStats } from './duration-bins';
import type { FailureReason, KnownTaskStatus, ReportedTaskStatus } from './task';

/** Tasks created in one bucket, per status: every status the upstream reports, adding up to the total. */
export type TimelineBucket = { start: string; end: string } & Record<ReportedTaskStatus, number>;

export interface TaskSummary {
  total: number;
  partial: boolean;
  fetchedAt: string;
  /** The oldest time from which the store holds every task; null before the first sync. */
  syncedFrom?: string | null;
  byStatus: Partial<Record<KnownTaskStatus | string, number>>;
  byReason: Partial<Record<FailureReason, number>>;
  byType: Record<string, number>;
  timeline: TimelineBucket[];
  progress: Array<{ from: number; to: number; count: number }>;
  topDomains: Array<{ domain: string; total: number; failed: number; originTimeout: number }>;
  topPrefixes: Array<{ prefix: string; failed: number; originTimeout: number }>;
  spikes: Array<{ start: string; end: string; reason: FailureReason; count: number }>;
  /**
   * Times to finish (creation to the end the sync saw) of the view's rows whose end is known, per
   * object type: over the window and per timeline bucket (the same buckets as `timeline`; a bucket
   * without such rows has an empty `byType`). From a fixed histogram: see lib/duration-bins.ts.
   */
  durations: {
    byType: Record<string, DurationStats>;
    timeline: Array<{ start: string; end: string; byType: Record<string, DurationStats> }>;
  };
}
