import 'server-only';
import type { NextRequest } from 'next/server';
import { parseFilters, type TaskQuery, toTaskQuery } from '@/lib/filters';
import { type ResolvedWindow, resolveWindow } from '@/lib/time-range';
import { requireRole } from '../auth/require-role';
import { badRequest } from '../http';
import { historyStart } from '../store/history';

type TaskRequest =
  | { ok: true; query: TaskQuery; window: ResolvedWindow; nowMs: number }
  | { ok: false; response: Response };

/**
 * The boundary of every task route: the caller may read tasks, every key of the query string is
 * known and valid (400 naming each bad one otherwise), and the time window lies within the
 * dashboard's history (HISTORY_DAYS). Nothing unvalidated gets past this.
 */
export async function readTaskRequest(request: NextRequest): Promise<TaskRequest> {
  const access = await requireRole('viewer');
  if (!access.ok) return { ok: false, response: access.response };

  const { filters, problems } = parseFilters(request.nextUrl.searchParams, { unknownKeys: 'report' });
  if (Object.keys(problems).length > 0) return { ok: false, response: badRequest(problems) };
  const nowMs = Date.now();
  const resolved = resolveWindow(filters.from, filters.to, nowMs, historyStart(nowMs));
  if (!resolved.ok) return { ok: false, response: badRequest({ [resolved.field]: resolved.message }) };
  return { ok: true, query: toTaskQuery(filters), window: resolved.window, nowMs };
}
