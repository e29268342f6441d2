import 'server-only';
import { type CsvWording, csvComment, csvHeader, taskCsvRow } from '@/lib/csv';
import { EXPORT_ROW_CAP } from '@/lib/export-limits';
import type { DataFilters } from '@/lib/filters';
import type { ResolvedWindow } from '@/lib/time-range';
import { logger } from '../logger';
import { exportRowsFor } from './view-reads';

/**
 * The filtered view as CSV, streamed: rows are written as upstream pages arrive, so memory stays flat
 * and the download starts at once. A last comment line says when the cap cut it short. The header
 * and comment lines are in the request's language (`wording`), the rows as stored.
 */
export function taskCsvStream(
  accountId: string,
  dataFilters: DataFilters,
  window: ResolvedWindow,
  wording: CsvWording,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const rows = exportRowsFor(accountId, dataFilters, window);
  let written = 0;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvHeader(wording)));
        return;
      }
      // A batch of rows per pull keeps the stream efficient without buffering the whole file.
      let chunk = '';
      try {
        for (let i = 0; i < 100; i += 1) {
          const next = await rows.next();
          const capped = written >= EXPORT_ROW_CAP;
          if (next.done || capped) {
            if (capped && !next.done) {
              chunk += csvComment(wording.truncated);
              await rows.return(undefined);
            }
            if (chunk) controller.enqueue(encoder.encode(chunk));
            controller.close();
            return;
          }
          written += 1;
          chunk += taskCsvRow(next.value);
        }
        controller.enqueue(encoder.encode(chunk));
      } catch (error) {
        // Headers are gone already; an error line beats a silently short file. The rows read before
        // the failure are written first.
        controller.enqueue(encoder.encode(`${chunk}${csvComment(wording.failed)}`));
        controller.close();
        logger().error({ err: error instanceof Error ? error.name : typeof error }, 'CSV export failed');
      }
    },
    async cancel() {
      // The download was abandoned: stop reading the store.
      await rows.return(undefined);
    },
  });
}
