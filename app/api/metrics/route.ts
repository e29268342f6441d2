import { metricsAccessAllowed } from '@/lib/server/auth/metrics-access';
import { metrics } from '@/lib/server/metrics';
import { registerTaskGauges } from '@/lib/server/tasks/task-gauges';

/**
 * GET /api/metrics — Prometheus metrics of this instance (upstream calls by action and code,
 * retries, throttles, cache results, latencies, queue depth, circuit state, process) and the stored
 * tasks by account, type, status and failure reason (lib/server/tasks/task-gauges.ts). Needs
 * `Authorization: Bearer <METRICS_TOKEN>`; anything else gets a 404.
 */
export async function GET(request: Request): Promise<Response> {
  if (!metricsAccessAllowed(request.headers.get('authorization'))) {
    return Response.json(
      { error: { code: 'NotFound', message: 'Not found.' } },
      { status: 404, headers: { 'Cache-Control': 'no-store' } },
    );
  }
  registerTaskGauges();
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' },
  });
}
