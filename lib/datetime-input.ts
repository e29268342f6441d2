/**
 * Conversions between ISO-8601 UTC and the value of an `<input type="datetime-local">`, which has
 * no zone: it shows the viewer's local time, or UTC when the page is in UTC mode.
 */
import type { TimeZoneMode } from './filters';
import { isoSeconds } from './time-range';

export function isoToInputValue(ms: number, tz: TimeZoneMode): string {
  const date = new Date(ms);
  if (tz === 'utc') return date.toISOString().slice(0, 19);
  const local = new Date(ms - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 19);
}

export function inputValueToIso(value: string, tz: TimeZoneMode): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const withSeconds = value.length === 16 ? `${value}:00` : value;
  const ms = tz === 'utc' ? Date.parse(`${withSeconds}Z`) : new Date(withSeconds).getTime();
  return Number.isNaN(ms) ? null : isoSeconds(ms);
}
