import 'server-only';
import { randomUUID } from 'node:crypto';
import { errorResponse } from './http';
import { logger } from './logger';
import { runWithRequestContext } from './request-context';
import { tokenLane } from './tokens/token-lane';
import { sessionLane } from './upstream/caller-key';

/**
 * Runs one API request inside its request context: a request id (the load balancer's
 * `X-Request-Id` when it sent a sane one, else a new one), echoed on the answer and on every log
 * line; its own lane in the upstream queue (session + route, so a user's table does not queue
 * behind the same user's export; an API token has its own); one structured log line when it is
 * answered; and one place where anything a handler throws (an upstream or store failure) becomes the API's error contract, so
 * routes do not repeat try/catch.
 */
export async function handleApiRequest(
  request: Request,
  route: string,
  handle: () => Promise<Response>,
): Promise<Response> {
  const offered = request.headers.get('x-request-id');
  const requestId = offered && /^[A-Za-z0-9._-]{8,64}$/.test(offered) ? offered : randomUUID();
  const callerKey = `${tokenLane(request.headers) ?? sessionLane(request.headers)}:${route}`;
  return runWithRequestContext({ requestId, callerKey }, async () => {
    const started = performance.now();
    const response = await handle().catch(errorResponse);
    logger().info(
      {
        method: request.method,
        route,
        status: response.status,
        ms: Math.round(performance.now() - started),
      },
      'api request',
    );
    response.headers.set('X-Request-Id', requestId);
    return response;
  });
}
