import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { processSingleton } from '@/lib/node/process-singleton';

/**
 * What the layers below a route need to know about the request they serve, without every function
 * passing it along: the request id for logs, and who is asking (for the upstream queue's fairness).
 */
interface RequestContext {
  requestId: string;
  /** The fairness lane of the upstream queue; null lets the upstream layer work it out. */
  callerKey: string | null;
}

// One storage per process even if the bundler loads this module twice (route and page layers).
function storage(): AsyncLocalStorage<RequestContext> {
  return processSingleton('request-context', () => new AsyncLocalStorage<RequestContext>());
}

export function runWithRequestContext<T>(
  init: { requestId: string; callerKey?: string | null },
  fn: () => T,
): T {
  return storage().run({ requestId: init.requestId, callerKey: init.callerKey ?? null }, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage().getStore();
}
