import 'server-only';
import { headers } from 'next/headers';
import { getServerSession } from 'next-auth';
import { cache } from 'react';
import { isRole, type Role } from '@/lib/roles';
import { authRequestContext } from './auth-request-context';
import { authOptions } from './options';

/**
 * Who is asking: the signed-in user of this request, from the encrypted session cookie, or null.
 * Every route handler and the dashboard layout call it themselves; the proxy's check is only the
 * first of two (see proxy.ts). Reading the session runs session-check.ts: an ended session (signed
 * out, 12 h old, user removed) is null here, and a local user's role and accounts are the users
 * file's as it is now.
 */
export interface SessionUser {
  /** Stable subject: `local:<username>` or `oidc:<sub>`. */
  id: string;
  name: string;
  role: Role;
  /** The account ids the user may see (lib/server/accounts/account-access.ts); null: every account. */
  accounts: readonly string[] | null;
}

export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions(authRequestContext(await headers())));
  const user = session?.user;
  if (!user?.id || !user.name || !isRole(user.role)) return null;
  const accounts = Array.isArray(user.accounts) ? user.accounts.filter((id) => typeof id === 'string') : null;
  return { id: user.id, name: user.name, role: user.role, accounts };
});
