import 'server-only';
import { cleanUpstreamMessage } from './upstream-message';

/**
 * Every way a call to the CDN OpenAPI can go wrong, reduced to what the dashboard must do about it.
 * The vendor's SDK throws three classes plus raw network errors; routes only ever see this one.
 */
export type UpstreamFailureKind =
  /** Throttling in any of its three shapes (400 Throttling.*, 429 TooManyRequests, 503 Throttling). */
  | 'throttled'
  /** The service said it is unavailable, or could not be reached at all. */
  | 'unavailable'
  | 'timeout'
  /** The upstream refused the call (4xx): credentials, permissions, parameters. */
  | 'refused'
  /** 5xx, or an answer we could not read. */
  | 'broken';

export class UpstreamError extends Error {
  readonly kind: UpstreamFailureKind;
  readonly code: string;
  readonly requestId: string | null;
  readonly httpStatus: number | null;
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    kind: UpstreamFailureKind;
    code: string;
    message: string;
    requestId?: string | null;
    httpStatus?: number | null;
    retryAfterSeconds?: number | null;
  }) {
    super(init.message);
    this.name = 'UpstreamError';
    this.kind = init.kind;
    this.code = init.code;
    this.requestId = init.requestId ?? null;
    this.httpStatus = init.httpStatus ?? null;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }
}

const NETWORK_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'EPIPE',
]);
const NETWORK_TIMEOUT = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNABORTED', 'UND_ERR_CONNECT_TIMEOUT']);

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  statusCode?: unknown;
  requestId?: unknown;
  retryAfter?: unknown;
  data?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** Maps whatever the SDK threw into an UpstreamError. Never copies the SDK's message wholesale. */
export function toUpstreamError(thrown: unknown): UpstreamError {
  if (thrown instanceof UpstreamError) return thrown;
  const error = (typeof thrown === 'object' && thrown !== null ? thrown : {}) as SdkErrorShape;
  const cause = (typeof error.cause === 'object' && error.cause !== null ? error.cause : {}) as SdkErrorShape;
  const code = stringOrNull(error.code) ?? stringOrNull(cause.code) ?? 'UnknownError';
  const status = typeof error.statusCode === 'number' ? error.statusCode : null;
  const data = (typeof error.data === 'object' && error.data !== null ? error.data : {}) as Record<
    string,
    unknown
  >;
  const requestId = cleanRequestId(stringOrNull(error.requestId) ?? stringOrNull(data.RequestId));
  // Shown to operators and kept as the sync's last error: never the string-to-sign or a key id.
  const rawMessage = stringOrNull(data.Message);
  const upstreamMessage = rawMessage === null ? null : cleanUpstreamMessage(rawMessage);

  if (status !== null) {
    const retryAfterMs = typeof error.retryAfter === 'number' ? error.retryAfter : null;
    const throttled = /throttling/i.test(code) || code === 'TooManyRequests' || status === 429;
    const kind: UpstreamFailureKind = throttled
      ? 'throttled'
      : code === 'ServiceUnavailable' || status === 503
        ? 'unavailable'
        : status >= 500
          ? 'broken'
          : 'refused';
    return new UpstreamError({
      kind,
      code,
      httpStatus: status,
      requestId,
      retryAfterSeconds: retryAfterMs === null ? null : Math.max(1, Math.ceil(retryAfterMs / 1000)),
      message: upstreamMessage ?? `The CDN API answered HTTP ${status}`,
    });
  }

  const name = stringOrNull(error.name) ?? '';
  if (NETWORK_TIMEOUT.has(code) || /timeout/i.test(name) || /timeout/i.test(code)) {
    return new UpstreamError({
      kind: 'timeout',
      code: 'Timeout',
      message: 'The CDN API did not answer in time',
    });
  }
  if (NETWORK_UNAVAILABLE.has(code)) {
    return new UpstreamError({ kind: 'unavailable', code, message: 'The CDN API could not be reached' });
  }
  if (thrown instanceof SyntaxError || /json/i.test(name)) {
    return new UpstreamError({
      kind: 'broken',
      code: 'MalformedResponse',
      message: 'The CDN API sent an unreadable answer',
    });
  }
  return new UpstreamError({ kind: 'broken', code, message: 'The call to the CDN API failed' });
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 && value !== 'undefined' ? value : null;
}

/** Request ids are opaque tokens; anything else (HTML, stacks) is not echoed to users. */
function cleanRequestId(value: string | null): string | null {
  return value && /^[A-Za-z0-9-]{1,64}$/.test(value) ? value : null;
}
