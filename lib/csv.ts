/** CSV per RFC 4180, safe to open in a spreadsheet. */
import type { Task } from './task';

export const CSV_COLUMNS = [
  'taskId',
  'objectPath',
  'objectType',
  'status',
  'progress',
  'createdAt',
  'domain',
  'reason',
  'description',
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number];

/**
 * The words of an export in the reader's language (messages/ui, namespace CsvExport): the header row,
 * one name per column, and the comment lines that end a cut or broken file. The values below the
 * header are never translated (status, reason key, the upstream's description), so a sheet filters
 * the same whichever language downloaded it.
 */
export interface CsvWording {
  columns: Readonly<Record<CsvColumn, string>>;
  /** The last line when the row cap cut the file short. */
  truncated: string;
  /** The last line when reading failed halfway. */
  failed: string;
}

/**
 * Quotes when needed, and defuses spreadsheet formulas: object paths are user-controlled text, and
 * a cell starting with = + - @ would run as a formula when the file is opened.
 */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  // i18n-ok: CSV quoting, not words
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: Array<string | number | null>): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

export function csvHeader(wording: CsvWording): string {
  return csvRow(CSV_COLUMNS.map((column) => wording.columns[column]));
}

/** A comment line (`# …`), which spreadsheet imports show as a one-cell row and scripts can skip. */
export function csvComment(text: string): string {
  return `# ${text.replace(/[\r\n]+/g, ' ')}\r\n`;
}

export function taskCsvRow(task: Task): string {
  return csvRow(CSV_COLUMNS.map((column) => task[column]));
}

/**
 * Spreadsheet programs (Excel above all) read a CSV file as UTF-8 only when it starts with a byte
 * order mark; without one, a Chinese directory name in an object path opens as mojibake.
 */
const UTF8_BOM = '\uFEFF';

/** The same byte stream, preceded by the UTF-8 byte order mark; cancelling it cancels the source. */
export function withUtf8Bom(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(UTF8_BOM));
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
