import 'server-only';
import { parseFilters, toDataFilters } from '@/lib/filters';
import type { ResubmitSelection } from '@/lib/resubmit-types';
import type { Task } from '@/lib/task';
import { resolveWindow } from '@/lib/time-range';
import { historyStart } from '../store/history';
import { exportRowsFor, tasksByIdFor } from '../tasks/view-reads';

/** The most failed rows one resubmission reads from a view: the URL quota's default, twice over. */
const MAX_VIEW_ROWS = 20_000;

type FailedRows =
  | { ok: true; rows: Task[]; selectedRows: number | null; truncated: boolean }
  | { ok: false; fields: Record<string, string> };

/**
 * The failed rows a selection names, read from the store (never taken from the browser: what is
 * resubmitted is what the upstream reported failed). Hand-picked rows that are not failed (any more)
 * are dropped; a view's rows are its failed ones, newest first, at most MAX_VIEW_ROWS.
 */
export async function failedRowsOf(
  accountId: string,
  selection: ResubmitSelection,
  nowMs: number,
): Promise<FailedRows> {
  if (selection.kind === 'tasks') {
    const wanted = new Set(selection.tasks.map((task) => `${task.taskId} ${task.objectPath}`));
    const stored = await tasksByIdFor(
      accountId,
      selection.tasks.map((task) => task.taskId),
    );
    const rows = stored.filter(
      (task) => task.status === 'Failed' && wanted.has(`${task.taskId} ${task.objectPath}`),
    );
    return { ok: true, rows, selectedRows: wanted.size, truncated: false };
  }

  const { filters, problems } = parseFilters(new URLSearchParams(selection.search), {
    unknownKeys: 'report',
  });
  if (Object.keys(problems).length > 0) {
    return {
      ok: false,
      fields: Object.fromEntries(
        Object.entries(problems).map(([key, message]) => [`selection.search.${key}`, message]),
      ),
    };
  }
  // The view's own account must be the one the request is for (the route checked that one).
  if (filters.acct !== null && filters.acct !== accountId)
    return { ok: false, fields: { 'selection.search.acct': 'is not the account of this request' } };
  const viewed = toDataFilters(filters);
  // The view's failed rows: none when it filters to other statuses only.
  if (viewed.status.length > 0 && !viewed.status.includes('Failed'))
    return { ok: true, rows: [], selectedRows: null, truncated: false };
  const query = { ...viewed, status: ['Failed'] };
  const resolved = resolveWindow(query.from, query.to, nowMs, historyStart(nowMs));
  if (!resolved.ok)
    return { ok: false, fields: { [`selection.search.${resolved.field}`]: resolved.message } };
  const rows: Task[] = [];
  let truncated = false;
  for await (const task of exportRowsFor(accountId, query, resolved.window)) {
    if (rows.length === MAX_VIEW_ROWS) {
      truncated = true;
      break;
    }
    rows.push(task);
  }
  return { ok: true, rows, selectedRows: null, truncated };
}
