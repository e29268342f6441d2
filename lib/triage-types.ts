/** The JSON of `GET /api/triage`: Origin Timeout failures grouped so the culprit stands out. */
import type { DurationStats } from './duration-bins';

export interface TriageGroup {
  /** The domain, or the domain plus up to two directories (`img.example.com/products/2026/`). */
  key: string;
  domain: string;
  /** The directory part of a prefix group (`/products/2026/`); null for domain groups. */
  path: string | null;
  count: number;
  /** Origin Timeouts as a share of all of that domain's tasks in the window, 0–1. */
  share: number;
  domainTotal: number;
  firstSeen: string;
  lastSeen: string;
  /** Origin Timeouts per timeline bucket, oldest first. */
  sparkline: number[];
}

export interface TriageReport {
  fetchedAt: string;
  partial: boolean;
  window: { start: string; end: string };
  total: number;
  originTimeouts: number;
  byDomain: TriageGroup[];
  byPrefix: TriageGroup[];
  spikes: Array<{ start: string; end: string; count: number }>;
  /**
   * The domains whose tasks took longest to finish (p90, from the duration histogram; at least 5
   * tasks with a known end), slowest first, at most 10. Path prefixes are not ranked by time to
   * finish: the histogram is kept per domain only (docs/sync.md, "Time to finish").
   */
  slowestDomains: Array<{ domain: string } & DurationStats>;
}

/** `GET /api/triage?acct=all`: one report per account the user may see, in the configured order. */
export interface TriageAcrossAccounts {
  accounts: Array<{ id: string; name: string; report: TriageReport }>;
}
