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

/**
 * Quotes when needed, and defuses spreadsheet formulas: object paths are user-controlled text, and
 * a cell starting with = + - @ would run as a formula when the file is opened.
 */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: Array<string | number | null>): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

export function taskCsvRow(task: Task): string {
  return csvRow(CSV_COLUMNS.map((column) => task[column]));
}
