import 'server-only';

/**
 * How the background sync spends the account's CDN OpenAPI budget. Read once per process; README's
 * configuration table documents each variable.
 */
export interface SyncSettings {
  /** `off`: this instance only reads the store (another instance, or nobody, syncs). */
  enabled: boolean;
  /** DescribeRefreshTasks calls per second while backfilling history: most of the account's 5/s. */
  backfillRate: number;
  /** …and once caught up: what head polls and reconciling may use at most. */
  steadyRate: number;
  /** How often the newest tasks are read, and how far back each read reaches again (late rows). */
  headIntervalMs: number;
  headOverlapMs: number;
  /** A reader looking at `to=now` may ask for a head poll when the last is older than this. */
  headOnDemandAfterMs: number;
  /** How often in-flight rows younger than ten minutes are re-read by id… */
  followIntervalMs: number;
  /** …and older ones, which rarely change. */
  followSlowIntervalMs: number;
  /** DescribeRefreshTaskById calls per second the follower may spend (account budget: 30/s). */
  followRate: number;
  /**
   * DescribeRefreshTasks calls per second resource-group probes may spend, apart from the main
   * loop's (one call per stored domain per group looked up).
   */
  groupProbeRate: number;
  /** How often one time slice is compared with the upstream's count (and re-read if they differ). */
  reconcileIntervalMs: number;
  /** How often rows older than HISTORY_DAYS are pruned. */
  pruneIntervalMs: number;
  /** PostgreSQL only: how often an instance that does not sync tries to take over. */
  leaderRetryMs: number;
}

export function readSyncSettings(env: Record<string, string | undefined> = process.env): SyncSettings {
  return {
    enabled: env.SYNC?.trim().toLowerCase() !== 'off',
    backfillRate: positive(env.SYNC_BACKFILL_RATE, 4.5),
    steadyRate: positive(env.SYNC_STEADY_RATE, 1),
    headIntervalMs: positive(env.SYNC_HEAD_INTERVAL_MS, 5_000),
    headOverlapMs: positive(env.SYNC_HEAD_OVERLAP_MS, 60_000),
    headOnDemandAfterMs: 2_000,
    followIntervalMs: positive(env.SYNC_FOLLOW_INTERVAL_MS, 5_000),
    followSlowIntervalMs: positive(env.SYNC_FOLLOW_SLOW_INTERVAL_MS, 60_000),
    followRate: positive(env.SYNC_FOLLOW_RATE, 5),
    groupProbeRate: positive(env.SYNC_GROUP_PROBE_RATE, 0.5),
    reconcileIntervalMs: positive(env.SYNC_RECONCILE_INTERVAL_MS, 60_000),
    pruneIntervalMs: 3_600_000,
    leaderRetryMs: positive(env.SYNC_LEADER_RETRY_MS, 10_000),
  };
}

function positive(raw: string | undefined, fallback: number): number {
  const value = Number(raw);
  return raw && Number.isFinite(value) && value > 0 ? value : fallback;
}
