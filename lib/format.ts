/** Display formatting shared by table, drawer and charts. Pure, so it behaves alike everywhere. */
import type { TimeZoneMode } from './filters';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: TimeZoneMode): Intl.DateTimeFormat {
  const key = tz;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-CA', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
      ...(tz === 'utc' ? { timeZone: 'UTC' } : {}),
    });
    formatters.set(key, cached);
  }
  return cached;
}

/** `2026-11-28 08:23:22` in local time or UTC; the ISO original belongs in a title attribute. */
export function formatTimestamp(iso: string, tz: TimeZoneMode): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const parts = Object.fromEntries(
    formatter(tz)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const hour = parts.hour === '24' ? '00' : parts.hour;
  return `${parts.year}-${parts.month}-${parts.day} ${hour}:${parts.minute}:${parts.second}`;
}

const numberFormat = new Intl.NumberFormat('en-US');

export function formatCount(value: number): string {
  return numberFormat.format(value);
}

export function formatProgress(progress: number): string {
  return `${Number.isInteger(progress) ? progress : progress.toFixed(1)}%`;
}
