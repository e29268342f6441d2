/**
 * What a failed sync step leaves behind (docs/sync.md, "Failures"): a log line, a count in
 * `cdnmon_sync_errors_total`, the `lastError` operators see in the sync panel, and a pause before the
 * step is tried again that doubles with each failure in a row.
 */
import 'server-only';
import { UpstreamError } from '../upstream/upstream-error';
import type { SyncContext } from './steps/sync-context';

const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;

/** The pause after `failures` failed steps in a row. */
export function failureBackoffMs(failures: number): number {
  return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.min(failures, 6));
}

/**
 * The `lastError` for a failure: the upstream's code and (already cleaned) message; never a store
 * error's text, which may hold SQL or a connection string. While the breaker holds calls back, the
 * failure worth naming is the one that opened it.
 */
export function failureMessage(error: unknown, lastError: string | null): string {
  if (!(error instanceof UpstreamError)) return 'The store or the sync failed unexpectedly';
  if (error.code === 'Dashboard.CircuitOpen' && lastError)
    return lastError.includes('calls paused') ? lastError : `${lastError} (calls paused)`;
  return `${error.code}: ${error.message}`;
}

export async function recordFailure(ctx: SyncContext, error: unknown, failures: number): Promise<void> {
  const message = failureMessage(error, ctx.state.current.lastError);
  ctx.log.warn(
    { account: ctx.accountId, err: error instanceof Error ? error.message : String(error), failures },
    'sync step failed; retrying',
  );
  ctx.metrics().syncErrors.inc({ account: ctx.accountId });
  await ctx.state.save({ lastError: message, lastErrorAt: ctx.now() }).catch(() => undefined);
}
