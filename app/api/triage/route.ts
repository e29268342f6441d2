import type { NextRequest } from 'next/server';
import { handleApiRequest } from '@/lib/server/api-request';
import { jsonOk } from '@/lib/server/http';
import { keptJsonOk } from '@/lib/server/kept-json';
import { readTriageRequest } from '@/lib/server/tasks/task-request';
import { triageFor } from '@/lib/server/tasks/view-reads';
import type { TriageAcrossAccounts } from '@/lib/triage-types';

/**
 * GET /api/triage?<keys> — Origin Timeout failures grouped by domain and path prefix, from the store.
 * `acct=all`: one report per account the user may see, `{ accounts: [{ id, name, report }] }`.
 */
export function GET(request: NextRequest): Promise<Response> {
  return handleApiRequest(request, 'triage', async () => {
    const task = await readTriageRequest(request);
    if (!task.ok) return task.response;
    if (task.dataFilters.acct !== 'all') {
      const [account] = task.accounts;
      if (!account) throw new Error('a single-account triage request resolved no account');
      return keptJsonOk(await triageFor(account.id, task.dataFilters, task.window, task.nowMs, task.user.id));
    }
    const dataFilters = { ...task.dataFilters, acct: null };
    const body: TriageAcrossAccounts = {
      accounts: await Promise.all(
        task.accounts.map(async ({ id, name }) => ({
          id,
          name,
          report: await triageFor(id, { ...dataFilters, acct: id }, task.window, task.nowMs, task.user.id),
        })),
      ),
    };
    return jsonOk(body);
  });
}
