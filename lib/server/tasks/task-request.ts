import 'server-only';
import type { NextRequest } from 'next/server';
import { parseFilters, type TaskQuery, toTaskQuery } from '@/lib/filters';
import { type ResolvedWindow, resolveWindow } from '@/lib/time-range';
import { accountRefusal, permittedAccounts, resolveAccount } from '../accounts/account-access';
import type { Account } from '../accounts/accounts';
import type { SessionUser } from '../auth/session';
import { badRequest } from '../http';
import { historyStart } from '../store/history';
import { requireCaller } from '../tokens/token-caller';

type TaskRequest =
  | {
      ok: true;
      /** The account the view is of (`acct`, or the first the user may see). */
      account: Account;
      query: TaskQuery;
      window: ResolvedWindow;
      nowMs: number;
      user: SessionUser;
    }
  | { ok: false; response: Response };

/**
 * The boundary of every task route: the caller (a session, or an API token: lib/server/tokens/) may read tasks, every key of the query string is
 * known and valid (400 naming each bad one otherwise), the account is one the user may see (403
 * otherwise, lib/server/accounts/account-access.ts), and the time window lies within the dashboard's history
 * (HISTORY_DAYS). Nothing unvalidated gets past this.
 */
export async function readTaskRequest(request: NextRequest): Promise<TaskRequest> {
  return readTaskParams(request.nextUrl.searchParams, request.headers);
}

async function readTaskParams(params: URLSearchParams, headers: Headers): Promise<TaskRequest> {
  const access = await requireCaller(headers, 'viewer');
  if (!access.ok) return { ok: false, response: access.response };

  const { filters, problems } = parseFilters(params, { unknownKeys: 'report' });
  if (Object.keys(problems).length > 0) return { ok: false, response: badRequest(problems) };
  const resolvedAccount = resolveAccount(access.user, filters.acct);
  if (!resolvedAccount.ok) return { ok: false, response: accountRefusal(resolvedAccount.message) };
  const nowMs = Date.now();
  const resolved = resolveWindow(filters.from, filters.to, nowMs, historyStart(nowMs));
  if (!resolved.ok) return { ok: false, response: badRequest({ [resolved.field]: resolved.message }) };
  return {
    ok: true,
    account: resolvedAccount.account,
    query: toTaskQuery(filters),
    window: resolved.window,
    nowMs,
    user: access.user,
  };
}

/**
 * The triage route's boundary: as readTaskRequest, and `acct=all` asks for every account the user
 * may see (the view groups them by account).
 */
export async function readTriageRequest(request: NextRequest): Promise<
  | {
      ok: true;
      accounts: Account[];
      query: TaskQuery;
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
    const task = await readTaskParams(single, request.headers);
    if (!task.ok) return task;
    const accounts = permittedAccounts(task.user);
    return {
      ok: true,
      accounts,
      query: { ...task.query, acct: 'all' },
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
    query: task.query,
    window: task.window,
    nowMs: task.nowMs,
    user: task.user,
  };
}
