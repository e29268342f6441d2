/** The JSON of `GET /api/triage`: Origin Timeout failures grouped so the culprit stands out. */

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
}

/** `GET /api/triage?acct=all`: one report per account the user may see, in the configured order. */
export interface TriageAcrossAccounts {
  accounts: Array<{ id: string; name: string; report: TriageReport }>;
}
