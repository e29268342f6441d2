/** Browser-side calls to the dashboard's own API, turning error bodies into typed errors. */
import type { ApiErrorBody } from './api-types';

export class ApiError extends Error {
  readonly status: number;
  readonly body: ApiErrorBody['error'];

  constructor(status: number, body: ApiErrorBody['error']) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return jsonOrApiError<T>(await fetch(path, { signal, headers: { Accept: 'application/json' } }));
}

/**
 * The contract's code for an answer without the dashboard's JSON (a proxy's error page, an empty
 * 502), by its status, so useErrorText() words it like any other; other statuses keep `Http<status>`.
 */
const CODE_OF_STATUS: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  401: 'Unauthorized', // i18n-ok: an error code
  403: 'Forbidden', // i18n-ok: an error code
  404: 'NotFound',
  429: 'TooManyRequests',
  500: 'InternalError',
  502: 'ServiceUnavailable',
  503: 'ServiceUnavailable',
  504: 'Timeout', // i18n-ok: an error code
};

/**
 * The body of a successful answer, or an ApiError carrying the error contract's code and message.
 * The message is for logs and scripts (English, like the API's); pages show useErrorText()'s words.
 */
export async function jsonOrApiError<T>(response: Response): Promise<T> {
  if (response.ok) return (await response.json()) as T;
  let body: ApiErrorBody['error'] = {
    // i18n-ok: a code and a message for logs and scripts, not for the page
    code: CODE_OF_STATUS[response.status] ?? `Http${response.status}`,
    // i18n-ok: as above
    message: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
  };
  try {
    const parsed = (await response.json()) as Partial<ApiErrorBody>;
    if (parsed.error?.code) body = parsed.error;
  } catch {
    // Not our JSON (a proxy's error page, say): keep the status-based message.
  }
  throw new ApiError(response.status, body);
}

/** `?acct=…` for the routes that take no other key of the view; empty for the default account. */
export function accountSearch(acct: string | null): string {
  return acct === null ? '' : `?acct=${encodeURIComponent(acct)}`;
}
