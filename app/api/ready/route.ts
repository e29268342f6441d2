import { readiness } from '@/lib/server/readiness';

/**
 * GET /api/ready — readiness for a load balancer: 200 when the CDN OpenAPI answers a call signed
 * with this instance's credentials, 503 otherwise. Public (no session), and says nothing secret.
 */
export async function GET(): Promise<Response> {
  const state = await readiness();
  return Response.json(
    { status: state.ready ? 'ready' : 'unready', upstream: state.code, checkedAt: state.checkedAt },
    { status: state.ready ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}
