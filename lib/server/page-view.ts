/**
 * The boundary of a dashboard page, before it reads anything: the signed-in user (or off to sign in
 * and back) and the account of its address (or the 403 page, app/forbidden.tsx). Every page that
 * shows one account's data starts here; the task views go on to their filters and window in
 * readTaskView (lib/server/tasks/task-request.ts).
 */
import 'server-only';
import { requirePageAccount } from './accounts/account-access';
import type { Account } from './accounts/accounts';
import { requirePageUser } from './auth/page-user';
import type { SessionUser } from './auth/session';

export type PageSearchParams = Record<string, string | string[] | undefined>;

/** The user and account of a page at `path` whose address has `params`. */
export async function requirePageView(
  path: string,
  params: PageSearchParams,
): Promise<{ user: SessionUser; account: Account }> {
  // Pages check for themselves: the layout's check does not run on client navigations.
  const user = await requirePageUser(path, params);
  const account = requirePageAccount(user, params.acct);
  return { user, account };
}
