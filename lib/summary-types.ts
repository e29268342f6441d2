/** The JSON contract of `GET /api/tasks/summary` (docs/contract.md), shared by server and charts. */
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
}
