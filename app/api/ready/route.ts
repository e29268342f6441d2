import { readiness } from '@/lib/server/readiness';
import { reportReadiness } from '@/lib/server/readiness-report';

/**
 * GET /api/ready — readiness for a load balancer: 200 `{"status":"ready"}` when the CDN OpenAPI
 * answers a call signed with this instance's credentials, else 503 `{"status":"unready"}`. Public (no
 * session), so it says nothing more: the upstream's code goes to the logs and metrics.
 */
export async function GET(): Promise<Response> {
  const state = await readiness();
  reportReadiness(state);
  return Response.json(
    { status: state.ready ? 'ready' : 'unready' },
    { status: state.ready ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}
