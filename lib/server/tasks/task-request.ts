import 'server-only';
import { forbidden } from 'next/navigation';
import type { NextRequest } from 'next/server';
import {
  type DataFilters,
  type FilterProblem,
  parseFilters,
  type TaskFilters,
  toDataFilters,
} from '@/lib/filters';
import { type ResolvedWindow, resolveWindow } from '@/lib/time-range';
import { accountRefusal, permittedAccounts, resolveAccount } from '../accounts/account-access';
import type { Account } from '../accounts/accounts';
import { requirePageUser } from '../auth/page-user';
import type { SessionUser } from '../auth/session';
import { badRequest } from '../http';
import type { PageSearchParams } from '../page-view';
import { historyStart } from '../store/history';
import { requireCaller } from '../tokens/token-caller';

/**
 * Who asks for a task view, which says how a refusal reaches them: a page signs in or shows the 403
 * page, and shows bad filter values as a notice and goes on; a route handler answers 401/403/400.
 */
type ViewCaller = { kind: 'page'; path: string } | { kind: 'api'; headers: Headers };

interface TaskView {
  user: SessionUser;
  /** The account the view is of (`acct`, or the first the user may see). */
  account: Account;
  filters: TaskFilters;
  dataFilters: DataFilters;
  /** Keys a page read at their defaults, and why (always empty for a route: those are a 400). */
  issues: Record<string, FilterProblem>;
  nowMs: number;
}

/** A page's view: a window outside the history leaves nothing to read before the browser asks. */
type PageTaskView = TaskView & { window: ResolvedWindow | null };

type TaskRequest = ({ ok: true } & TaskView & { window: ResolvedWindow }) | { ok: false; response: Response };

/**
 * The boundary of every task view, page or route, in one order: the caller (a session, or for a route
 * an API token: lib/server/tokens/) may read tasks; every key of the query string is valid (a route
 * answers 400 naming each bad one, and unknown keys too; a page reads defaults and says so); the
 * account is one the user may see (403 otherwise, lib/server/accounts/account-access.ts), before
 * anything is read; and the time window lies within the dashboard's history (HISTORY_DAYS). Nothing
 * unvalidated gets past this.
 */
export function readTaskView(
  params: PageSearchParams,
  caller: { kind: 'page'; path: string },
): Promise<PageTaskView>;
export function readTaskView(
  params: URLSearchParams,
  caller: { kind: 'api'; headers: Headers },
): Promise<TaskRequest>;
export async function readTaskView(
  params: PageSearchParams | URLSearchParams,
  caller: ViewCaller,
): Promise<PageTaskView | TaskRequest> {
  const isPage = caller.kind === 'page';
  const refused = (response: Response) => ({ ok: false as const, response });

  let user: SessionUser;
  if (isPage) user = await requirePageUser(caller.path, params as PageSearchParams);
  else {
    const access = await requireCaller(caller.headers, 'viewer');
    if (!access.ok) return refused(access.response);
    user = access.user;
  }

  const { filters, problems, issues } = parseFilters(params, { unknownKeys: isPage ? 'ignore' : 'report' });
  if (!isPage && Object.keys(problems).length > 0) return refused(badRequest(problems));

  // A page's bad or repeated `acct` names no account it may see: refused like another's, not read
  // as the default account.
  const resolvedAccount = issues.acct ? UNREADABLE_ACCOUNT : resolveAccount(user, filters.acct);
  if (!resolvedAccount.ok) {
    if (isPage) forbidden();
    return refused(accountRefusal(resolvedAccount.message));
  }

  const nowMs = Date.now();
  const resolved = resolveWindow(filters.from, filters.to, nowMs, historyStart(nowMs));
  if (!isPage && !resolved.ok) return refused(badRequest({ [resolved.field]: resolved.message }));
  const view: TaskView = {
    user,
    account: resolvedAccount.account,
    filters,
    dataFilters: toDataFilters(filters),
    issues,
    nowMs,
  };
  const window = resolved.ok ? resolved.window : null;
  return isPage ? { ...view, window } : { ok: true, ...view, window: window as ResolvedWindow };
}

const UNREADABLE_ACCOUNT = { ok: false, message: 'You may not see the account.' } as const;

/** The boundary of every task route (readTaskView, for a route handler's request). */
export function readTaskRequest(request: NextRequest): Promise<TaskRequest> {
  return readTaskView(request.nextUrl.searchParams, { kind: 'api', headers: request.headers });
}

/**
 * The triage route's boundary: as readTaskRequest, and `acct=all` asks for every account the user
 * may see (the view groups them by account).
 */
export async function readTriageRequest(request: NextRequest): Promise<
  | {
      ok: true;
      accounts: Account[];
      dataFilters: DataFilters;
      window: ResolvedWindow;
      nowMs: number;
      user: SessionUser;
    }
  | { ok: false; response: Response }
> {
  const params = request.nextUrl.searchParams;
  if (params.getAll('acct').length === 1 && params.get('acct') === 'all') {
    const single = new URLSearchParams(params);
    single.delete('acct');
    const task = await readTaskView(single, { kind: 'api', headers: request.headers });
    if (!task.ok) return task;
    const accounts = permittedAccounts(task.user);
    return {
      ok: true,
      accounts,
      dataFilters: { ...task.dataFilters, acct: 'all' },
      window: task.window,
      nowMs: task.nowMs,
      user: task.user,
    };
  }
  const task = await readTaskRequest(request);
  if (!task.ok) return task;
  return {
    ok: true,
    accounts: [task.account],
    dataFilters: task.dataFilters,
    window: task.window,
    nowMs: task.nowMs,
    user: task.user,
  };
}
