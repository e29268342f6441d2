/**
 * JSON answers of the API, in the contract's error shape. Every error goes through here, so no
 * stack trace or vendor text beyond the upstream's own code, message and request id can leak.
 */
import 'server-only';
import type { ApiErrorBody } from '@/lib/api-types';
import { logger } from './logger';
import { UpstreamError } from './upstream/upstream-error';

const NO_STORE = { 'Cache-Control': 'no-store' } as const;

export function jsonOk(body: unknown): Response {
  return Response.json(body, { headers: NO_STORE });
}

export function jsonError(
  status: number,
  error: ApiErrorBody['error'],
  headers: Record<string, string> = {},
): Response {
  return Response.json({ error } satisfies ApiErrorBody, { status, headers: { ...NO_STORE, ...headers } });
}

export function badRequest(fields: Record<string, string>): Response {
  const names = Object.keys(fields).join(', ');
  return jsonError(400, { code: 'BadRequest', message: `Invalid query: ${names}`, fields });
}

const STATUS_BY_KIND = { throttled: 503, unavailable: 503, timeout: 504, refused: 502, broken: 502 } as const;

const MESSAGE_BY_KIND = {
  throttled: 'The CDN API is throttling this account; try again shortly.',
  unavailable: 'The CDN API is unavailable right now.',
  timeout: 'The CDN API did not answer in time.',
  refused: 'The CDN API refused the request.',
  broken: 'The CDN API failed to answer properly.',
} as const;

/** The status, body and headers an upstream failure is answered with; shared by JSON and streams. */
export function errorAnswer(thrown: unknown): {
  status: number;
  error: ApiErrorBody['error'];
  headers: Record<string, string>;
} {
  if (!(thrown instanceof UpstreamError)) {
    // The name only: a message or stack may hold SQL parameters or upstream text.
    logger().error(
      { err: thrown instanceof Error ? thrown.name : typeof thrown },
      'unexpected error while serving an API request',
    );
    return {
      status: 500,
      error: { code: 'InternalError', message: 'The dashboard failed to answer this request.' },
      headers: {},
    };
  }
  const status = STATUS_BY_KIND[thrown.kind];
  const headers: Record<string, string> = {};
  if (status === 503) headers['Retry-After'] = String(thrown.retryAfterSeconds ?? 5);
  const detail = thrown.kind === 'refused' ? ` (${thrown.code}: ${thrown.message})` : '';
  return {
    status,
    headers,
    error: {
      code: `Upstream${thrown.kind[0]?.toUpperCase()}${thrown.kind.slice(1)}`,
      message: `${MESSAGE_BY_KIND[thrown.kind]}${detail}`,
      upstream: { code: thrown.code, requestId: thrown.requestId },
    },
  };
}

/** Any thrown error as the API's error contract (upstream failures named, anything else a 500). */
export function errorResponse(thrown: unknown): Response {
  const answer = errorAnswer(thrown);
  return jsonError(answer.status, answer.error, answer.headers);
}
