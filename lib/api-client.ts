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

/** The body of a successful answer, or an ApiError carrying the error contract's code and message. */
export async function jsonOrApiError<T>(response: Response): Promise<T> {
  if (response.ok) return (await response.json()) as T;
  let body: ApiErrorBody['error'] = {
    code: `Http${response.status}`,
    message: response.statusText || 'Request failed',
  };
  try {
    const parsed = (await response.json()) as Partial<ApiErrorBody>;
    if (parsed.error?.code) body = parsed.error;
  } catch {
    // Not our JSON (a proxy's error page, say): keep the status-based message.
  }
  throw new ApiError(response.status, body);
}
