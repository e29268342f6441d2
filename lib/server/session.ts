import 'server-only';

/**
 * Who is asking. Sign-in (next-auth) arrives in its own issue; until then every request is served
 * as the demo operator. Route handlers and pages already call this, so adding real sessions changes
 * this file, not its callers.
 */
export interface SessionUser {
  name: string;
  role: 'viewer' | 'operator';
}

export async function currentUser(): Promise<SessionUser | null> {
  return { name: 'demo', role: 'operator' };
}
