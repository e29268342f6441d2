import 'server-only';
import { Counter, Gauge } from 'prom-client';
import { processSingleton } from '@/lib/node/process-singleton';
import { logger } from './logger';
import { metrics } from './metrics';
import type { Readiness } from './readiness';

/**
 * The details of readiness, for the operator and never for the anonymous caller of /api/ready: the
 * upstream code that made an instance unready goes to the logs and to /api/metrics
 * (`cdnmon_ready`, `cdnmon_ready_checks_total{result,code}`). Each check is reported once, however
 * many probes reuse its result.
 */
function createInstruments() {
  const registers = [metrics().registry];
  return {
    ready: new Gauge({
      name: 'cdnmon_ready',
      help: '1 while this instance is ready to serve (the CDN OpenAPI answers its calls), else 0',
      registers,
    }),
    checks: new Counter({
      name: 'cdnmon_ready_checks_total',
      help: 'Readiness checks made, by result and the upstream code (OK when it answered)',
      labelNames: ['result', 'code'] as const,
      registers,
    }),
    lastCheckedAt: null as string | null,
  };
}

export function reportReadiness(state: Readiness): void {
  const instruments = processSingleton('readiness-report', createInstruments);
  instruments.ready.set(state.ready ? 1 : 0);
  if (state.checkedAt === instruments.lastCheckedAt) return;
  instruments.lastCheckedAt = state.checkedAt;
  const code = state.code ?? 'OK';
  instruments.checks.inc({ result: state.ready ? 'ready' : 'unready', code });
  if (!state.ready) {
    logger().warn(
      { upstreamCode: code, checkedAt: state.checkedAt },
      'not ready: the CDN OpenAPI probe failed',
    );
  } else if (state.code) {
    logger().info(
      { upstreamCode: code, checkedAt: state.checkedAt },
      'ready, though the CDN OpenAPI throttles',
    );
  }
}
