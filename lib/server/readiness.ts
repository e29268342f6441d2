import 'server-only';
import { probeUpstream } from './cdn';
import { UpstreamError } from './upstream-error';

/**
 * Readiness: can this instance serve data? It can when the upstream answers a call signed with our
 * credentials. Throttling still counts as ready (the budget is the account's, not this instance's
 * problem; taking the instance out would not help). Probes cost one upstream call, so a result is
 * reused for a few seconds however often the load balancer asks.
 */
export interface Readiness {
  ready: boolean;
  /** The upstream code that made the instance unready, or null. */
  code: string | null;
  checkedAt: string;
}

const REUSE_MS = 10_000;
const KEY = Symbol.for('cdn-refresh-monitor.readiness');
type WithReadiness = typeof globalThis & { [KEY]?: { at: number; result: Promise<Readiness> } };

export function readiness(now = Date.now()): Promise<Readiness> {
  const holder = globalThis as WithReadiness;
  const last = holder[KEY];
  if (last && now - last.at < REUSE_MS) return last.result;
  const result = check();
  holder[KEY] = { at: now, result };
  return result;
}

async function check(): Promise<Readiness> {
  const checkedAt = new Date().toISOString();
  try {
    await probeUpstream();
    return { ready: true, code: null, checkedAt };
  } catch (error) {
    if (error instanceof UpstreamError && error.kind === 'throttled')
      return { ready: true, code: error.code, checkedAt };
    return { ready: false, code: error instanceof UpstreamError ? error.code : 'InternalError', checkedAt };
  }
}
