import type { NextRequest } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { CSV_COLUMNS, type CsvWording, withUtf8Bom } from '@/lib/csv';
import { EXPORT_ROW_CAP } from '@/lib/export-limits';
import { handleApiRequest } from '@/lib/server/api-request';
import { taskCsvStream } from '@/lib/server/tasks/export';
import { readTaskRequest } from '@/lib/server/tasks/task-request';
import { isoSeconds } from '@/lib/time-range';

/**
 * GET /api/tasks/export?<keys> — every row of the filtered view (all pages) as CSV, streamed; the
 * file is named after the account (`cdn-tasks-<account id>-<time>.csv`). The header row is in the
 * request's language (the `locale` cookie, else Accept-Language: lib/i18n/request.ts); English
 * names the columns as the JSON API does. The rows are the same in every language.
 */
export function GET(request: NextRequest): Promise<Response> {
  return handleApiRequest(request, 'tasks-export', async () => {
    const task = await readTaskRequest(request);
    if (!task.ok) return task.response;

    const stamp = isoSeconds(task.nowMs).replace(/:/g, '');
    const body = taskCsvStream(task.account.id, task.query, task.window, await csvWording());
    return new Response(withUtf8Bom(body), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="cdn-tasks-${task.account.id}-${stamp}.csv"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  });
}

async function csvWording(): Promise<CsvWording> {
  const t = await getTranslations('CsvExport');
  return {
    columns: Object.fromEntries(CSV_COLUMNS.map((column) => [column, t(column)])) as CsvWording['columns'],
    truncated: t('truncated', { cap: EXPORT_ROW_CAP }),
    failed: t('failed'),
  };
}
