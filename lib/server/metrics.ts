import 'server-only';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { processSingleton } from '@/lib/node/process-singleton';

/**
 * Prometheus metrics of the upstream layer, served by /api/metrics. One registry per process, kept
 * on globalThis so a module loaded twice by the bundler does not register every metric twice.
 */
function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'cdnmon_' });
  const registers = [registry];
  return {
    registry,
    upstreamCalls: new Counter({
      name: 'cdnmon_upstream_calls_total',
      help: 'Calls sent to the CDN OpenAPI, by action and answer code (OK on success)',
      labelNames: ['action', 'code'] as const,
      registers,
    }),
    upstreamDuration: new Histogram({
      name: 'cdnmon_upstream_call_duration_seconds',
      help: 'Duration of single calls to the CDN OpenAPI, queue wait excluded',
      labelNames: ['action', 'outcome'] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8],
      registers,
    }),
    queueWait: new Histogram({
      name: 'cdnmon_upstream_queue_wait_seconds',
      help: 'Time a call waited for its turn in the rate budget',
      labelNames: ['action'] as const,
      buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      registers,
    }),
    retries: new Counter({
      name: 'cdnmon_upstream_retries_total',
      help: 'Retried calls, by action and the failure kind that caused the retry',
      labelNames: ['action', 'kind'] as const,
      registers,
    }),
    throttles: new Counter({
      name: 'cdnmon_upstream_throttled_total',
      help: 'Throttled calls: by the upstream, or refused by the dashboard own queue',
      labelNames: ['action', 'source'] as const,
      registers,
    }),
    queueDepth: new Gauge({
      name: 'cdnmon_upstream_queue_depth',
      help: 'Calls waiting for their turn in this instance',
      labelNames: ['action'] as const,
      registers,
    }),
    syncCalls: new Counter({
      name: 'cdnmon_sync_calls_total',
      help: 'Upstream calls the background sync made, by purpose (backfill, head, follow, reconcile)',
      labelNames: ['account', 'purpose'] as const,
      registers,
    }),
    syncErrors: new Counter({
      name: 'cdnmon_sync_errors_total',
      help: 'Sync steps that failed and were retried',
      labelNames: ['account'] as const,
      registers,
    }),
    syncLag: new Gauge({
      name: 'cdnmon_sync_lag_seconds',
      help: 'Seconds since the store last matched the upstream (the last successful head poll)',
      labelNames: ['account'] as const,
      registers,
    }),
    storeRows: new Gauge({
      name: 'cdnmon_store_rows',
      help: 'Task rows in the store',
      labelNames: ['account'] as const,
      registers,
    }),
    syncInFlight: new Gauge({
      name: 'cdnmon_sync_in_flight_rows',
      help: 'Stored rows still Pending or Refreshing, followed by the sync',
      labelNames: ['account'] as const,
      registers,
    }),
    alertDeliveries: new Counter({
      name: 'cdnmon_alert_deliveries_total',
      help: 'Alert messages by channel, event (firing, resolved, test) and result (sent, failed after every retry)',
      labelNames: ['channel', 'event', 'result'] as const,
      registers,
    }),
    alertDeliveryRetries: new Counter({
      name: 'cdnmon_alert_delivery_retries_total',
      help: 'Alert message attempts that failed and were tried again, by channel',
      labelNames: ['channel'] as const,
      registers,
    }),
    alertsFiring: new Gauge({
      name: 'cdnmon_alerts_firing',
      help: 'Alerts firing now (on the syncing instance)',
      labelNames: ['account'] as const,
      registers,
    }),
    circuitOpen: new Gauge({
      name: 'cdnmon_upstream_circuit_open',
      help: '1 while the circuit breaker is open (calls fail fast), else 0',
      registers,
    }),
  };
}

type Metrics = ReturnType<typeof createMetrics>;

export function metrics(): Metrics {
  return processSingleton('metrics', createMetrics);
}
