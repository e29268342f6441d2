import 'server-only';
import { createHash } from 'node:crypto';
import { headers } from 'next/headers';
import { currentRequestContext } from '../request-context';

/**
 * Who a call is made for, as the fair queue's lane: the request context's caller when a route set
 * one, else the browser session (a hash of the session cookie: never the cookie itself), else
 * `background` for work outside any request.
 */
export async function upstreamCallerKey(): Promise<string> {
  const fromContext = currentRequestContext()?.callerKey;
  if (fromContext) return fromContext;
  try {
    return sessionLane(await headers());
  } catch (error) {
    // Next.js signals "this render is dynamic" (or postponed) by throwing; that must reach Next.js.
    if (isNextSignal(error)) throw error;
    return 'background';
  }
}

/** The session's lane, from the request headers; `anonymous` without a session cookie. */
export function sessionLane(requestHeaders: Headers): string {
  const cookie = requestHeaders.get('cookie') ?? '';
  const session = cookie
    .split(';')
    .map((part) => part.trim())
    .filter((part) => /^(__Secure-)?next-auth\.session-token(\.\d+)?=/.test(part))
    .sort()
    .join(';');
  if (!session) return 'anonymous';
  return `session:${createHash('sha256').update(session).digest('base64url').slice(0, 16)}`;
}

/** Next.js's control-flow throws carry a `digest` (or are React postpones); plain errors do not. */
function isNextSignal(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  return 'digest' in error || (error as { $$typeof?: unknown }).$$typeof === Symbol.for('react.postpone');
}
