import type { NextRequest } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { CSV_COLUMNS, type CsvWording, withUtf8Bom } from '@/lib/csv';
import { EXPORT_ROW_CAP } from '@/lib/export-limits';
import { handleApiRequest } from '@/lib/server/api-request';
import { jsonError } from '@/lib/server/http';
import { taskCsvStream } from '@/lib/server/tasks/export';
import { EXPORTS_PER_USER, processExportSlots, releasedWhenDone } from '@/lib/server/tasks/export-slots';
import { readTaskRequest } from '@/lib/server/tasks/task-request';
import { isoSeconds } from '@/lib/time-range';

/** Exports take seconds, not minutes: a retry this much later usually finds a free slot. */
const EXPORT_RETRY_AFTER_SECONDS = 10;

/**
 * GET /api/tasks/export?<keys> — every row of the filtered view (all pages) as CSV, streamed; the
 * file is named after the account (`cdn-tasks-<account id>-<time>.csv`). The header row is in the
 * request's language (the `locale` cookie, else Accept-Language: lib/i18n/request.ts); English
 * names the columns as the JSON API does. The rows are the same in every language. At most 2 exports
 * per user and EXPORT_MAX_CONCURRENT per instance run at once; more get 429 with Retry-After.
 */
export function GET(request: NextRequest): Promise<Response> {
  return handleApiRequest(request, 'tasks-export', async () => {
    const task = await readTaskRequest(request);
    if (!task.ok) return task.response;
    const slot = processExportSlots().claim(task.user.id);
    if (!slot.ok) {
      return jsonError(
        429,
        {
          code: 'TooManyExports',
          message:
            slot.scope === 'user'
              ? `You have ${EXPORTS_PER_USER} exports running; try again when one has finished.`
              : 'The dashboard is running as many exports as it may; try again shortly.',
        },
        { 'Retry-After': String(EXPORT_RETRY_AFTER_SECONDS) },
      );
    }

    const stamp = isoSeconds(task.nowMs).replace(/:/g, '');
    let body: ReadableStream<Uint8Array>;
    try {
      body = taskCsvStream(task.account.id, task.dataFilters, task.window, await csvWording());
    } catch (error) {
      slot.release();
      throw error;
    }
    return new Response(releasedWhenDone(withUtf8Bom(body), slot.release), {
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
