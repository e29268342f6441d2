import 'server-only';
import { CSV_COLUMNS, csvRow, taskCsvRow } from '@/lib/csv';
import { EXPORT_ROW_CAP } from '@/lib/export-limits';
import type { TaskQuery } from '@/lib/filters';
import type { ResolvedWindow } from '@/lib/time-range';
import { exportRows } from './tasks';

/** Upstream calls one export may make: about a minute and a half of the account's 5 calls/s. */
export const EXPORT_CALL_BUDGET = 450;

/**
 * The filtered view as CSV, streamed: rows are written as upstream pages arrive, so memory stays flat
 * and the download starts at once. A last comment line says when the cap or the budget cut it short.
 */
export function taskCsvStream(query: TaskQuery, window: ResolvedWindow): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const rows = exportRows(query, window, { rowCap: EXPORT_ROW_CAP, callBudget: EXPORT_CALL_BUDGET });
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvRow([...CSV_COLUMNS])));
        return;
      }
      try {
        // A batch of rows per pull keeps the stream efficient without buffering the whole file.
        let chunk = '';
        for (let i = 0; i < 100; i += 1) {
          const next = await rows.next();
          if (next.done) {
            if (next.value.capped) chunk += `# truncated: the export stops at ${EXPORT_ROW_CAP} rows\r\n`;
            if (next.value.partial)
              chunk += '# incomplete: the upstream call budget ran out; narrow the filters\r\n';
            if (chunk) controller.enqueue(encoder.encode(chunk));
            controller.close();
            return;
          }
          chunk += taskCsvRow(next.value);
        }
        controller.enqueue(encoder.encode(chunk));
      } catch (error) {
        // Headers are gone already; an error line beats a silently short file.
        controller.enqueue(
          encoder.encode('# error: the CDN API failed during the export; the file is incomplete\r\n'),
        );
        controller.close();
        console.error('CSV export failed', error instanceof Error ? error.name : typeof error);
      }
    },
    async cancel() {
      await rows.return({ partial: false, capped: false });
    },
  });
}
