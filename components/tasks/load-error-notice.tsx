import { ApiError } from '@/lib/api-client';
import { Notice } from '../ui/notice';

export function describeError(error: Error): string {
  if (error instanceof ApiError) {
    const upstream = error.body.upstream;
    return upstream
      ? `${upstream.code}${upstream.requestId ? `, request ${upstream.requestId}` : ''}`
      : error.body.code;
  }
  return error.message;
}

/** A failed load: what went wrong in words, the upstream's code and request id for a ticket, and Retry. */
export function LoadErrorNotice({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const body = error instanceof ApiError ? error.body : null;
  return (
    <Notice
      tone="error"
      testId="load-error"
      action={
        <button
          type="button"
          onClick={onRetry}
          className="rounded-md border border-current px-2 py-1 text-sm"
        >
          Retry
        </button>
      }
    >
      <p className="font-medium">{body?.message ?? 'The tasks could not be loaded.'}</p>
      {body?.upstream ? (
        <p className="mt-1 font-mono text-xs" data-testid="upstream-error">
          Upstream code {body.upstream.code}
          {body.upstream.requestId ? ` · request id ${body.upstream.requestId}` : ''}
        </p>
      ) : null}
      {body?.fields ? (
        <ul className="mt-1 list-disc pl-5">
          {Object.entries(body.fields).map(([key, message]) => (
            <li key={key}>
              <code>{key}</code>: {message}
            </li>
          ))}
        </ul>
      ) : null}
    </Notice>
  );
}
