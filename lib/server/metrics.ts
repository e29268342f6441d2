import 'server-only';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { processSingleton } from '@/lib/node/process-singleton';

/**
 * Prometheus metrics of the upstream layer, served by /api/metrics. One registry per process, kept
 * on globalThis so a module loaded twice by the bundler does not register every metric twice.
 * Upstream and sync metrics carry the account: each has its own budget, queues and circuit.
 */
function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'cdnmon_' });
  const registers = [registry];
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Counter<L>({ name, help, labelNames, registers });
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Gauge<L>({ name, help, labelNames, registers });
  const histogram = <L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    buckets: number[],
  ) => new Histogram<L>({ name, help, labelNames, buckets, registers });
  return {
    registry,
    upstreamCalls: counter(
      'cdnmon_upstream_calls_total',
      'Calls sent to the CDN OpenAPI, by account, action and answer code (OK on success)',
      ['account', 'action', 'code'],
    ),
    upstreamDuration: histogram(
      'cdnmon_upstream_call_duration_seconds',
      'Duration of single calls to the CDN OpenAPI, queue wait excluded',
      ['account', 'action', 'outcome'],
      [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8],
    ),
    queueWait: histogram(
      'cdnmon_upstream_queue_wait_seconds',
      'Time a call waited for its turn in the account rate budget',
      ['account', 'action'],
      [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
    ),
    retries: counter(
      'cdnmon_upstream_retries_total',
      'Retried calls, by account, action and the failure kind that caused the retry',
      ['account', 'action', 'kind'],
    ),
    throttles: counter(
      'cdnmon_upstream_throttled_total',
      'Throttled calls: by the upstream, or refused by the dashboard own queue',
      ['account', 'action', 'source'],
    ),
    queueDepth: gauge(
      'cdnmon_upstream_queue_depth',
      'Calls waiting for their turn in this instance, by account and action',
      ['account', 'action'],
    ),
    syncCalls: counter(
      'cdnmon_sync_calls_total',
      'Upstream calls the background sync made, by purpose (backfill, head, follow, reconcile)',
      ['account', 'purpose'],
    ),
    syncErrors: counter('cdnmon_sync_errors_total', 'Sync steps that failed and were retried', ['account']),
    syncLag: gauge(
      'cdnmon_sync_lag_seconds',
      'Seconds since the store last matched the upstream (the last successful head poll)',
      ['account'],
    ),
    storeRows: gauge('cdnmon_store_rows', 'Task rows in the store', ['account']),
    storeCellRebuilds: counter(
      'cdnmon_store_cell_rebuilds_total',
      'Count cells found to differ from their rows by the sync reconcile and rebuilt (should stay 0)',
      ['account', 'cells'],
    ),
    syncInFlight: gauge(
      'cdnmon_sync_in_flight_rows',
      'Stored rows still Pending or Refreshing, followed by the sync',
      ['account'],
    ),
    syncFollowBehind: gauge(
      'cdnmon_sync_follow_behind_seconds',
      'How long past its due time the most overdue in-flight row waits for the follow (0: none waits)',
      ['account'],
    ),
    syncStatusDrift: counter(
      'cdnmon_sync_status_drift_total',
      'Slices and object types whose in-flight count the reconcile found different from the upstream',
      ['account'],
    ),
    alertDeliveries: counter(
      'cdnmon_alert_deliveries_total',
      'Alert messages by channel, event (firing, resolved, test) and result (sent, failed after every retry)',
      ['channel', 'event', 'result'],
    ),
    alertDeliveryRetries: counter(
      'cdnmon_alert_delivery_retries_total',
      'Alert message attempts that failed and were tried again, by channel',
      ['channel'],
    ),
    alertsFiring: gauge('cdnmon_alerts_firing', 'Alerts firing now (on the syncing instance)', ['account']),
    circuitOpen: gauge(
      'cdnmon_upstream_circuit_open',
      '1 while the account circuit breaker is open (its calls fail fast), else 0',
      ['account'],
    ),
  };
}

type Metrics = ReturnType<typeof createMetrics>;

export function metrics(): Metrics {
  return processSingleton('metrics', createMetrics);
}
