/**
 * Display formatting shared by table, drawer and charts, for the reader's language (lib/i18n) and the
 * view's time zone. Pure, so it behaves alike on the server and in the browser; components get the
 * language bound by useFormat() (lib/i18n/use-format.ts).
 */
import type { TimeZoneMode } from './filters';
import { DEFAULT_LOCALE, type Locale } from './i18n/locales';

/** The BCP 47 tag Intl gets for each of our languages. */
const INTL_TAG: Record<Locale, string> = { en: 'en-US', zh: 'zh-CN' };

/** Intl objects are costly to build and formatting runs per table cell: one per (kind, locale, tz). */
const cache = new Map<string, unknown>();
function cached<T>(key: string, build: () => T): T {
  let value = cache.get(key) as T | undefined;
  if (value === undefined) {
    value = build();
    cache.set(key, value);
  }
  return value;
}

function dateTimeFormat(tz: TimeZoneMode, locale: Locale): Intl.DateTimeFormat {
  return cached(
    `dt:${locale}:${tz}`,
    () =>
      new Intl.DateTimeFormat(locale === 'en' ? 'en-CA' : INTL_TAG[locale], {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
        ...(tz === 'utc' ? { timeZone: 'UTC' } : {}),
      }),
  );
}

/**
 * A task's time in local time or UTC, to the second: `2026-11-28 08:23:22` in English (sortable, as
 * operators paste it into tickets), `2026/11/28 08:23:22` in Chinese, as the zh-CN locale writes it.
 * The ISO original belongs in a title attribute.
 */
export function formatTimestamp(iso: string, tz: TimeZoneMode, locale: Locale = DEFAULT_LOCALE): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const parts = Object.fromEntries(
    dateTimeFormat(tz, locale)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const hour = parts.hour === '24' ? '00' : parts.hour;
  const separator = locale === 'en' ? '-' : '/';
  return `${parts.year}${separator}${parts.month}${separator}${parts.day} ${hour}:${parts.minute}:${parts.second}`;
}

export function formatCount(value: number, locale: Locale = DEFAULT_LOCALE): string {
  return cached(`n:${locale}`, () => new Intl.NumberFormat(INTL_TAG[locale])).format(value);
}

/** A task's progress: whole percentages as they are, fractions to one decimal. */
export function formatProgress(progress: number, locale: Locale = DEFAULT_LOCALE): string {
  return `${cached(
    `pct:${locale}`,
    () => new Intl.NumberFormat(INTL_TAG[locale], { maximumFractionDigits: 1 }),
  ).format(progress)}%`;
}

/** A share (0–1) as a percentage, e.g. a failure rate: `12.5%`. */
export function formatPercent(share: number, locale: Locale = DEFAULT_LOCALE): string {
  return cached(
    `share:${locale}`,
    () => new Intl.NumberFormat(INTL_TAG[locale], { style: 'percent', maximumFractionDigits: 1 }),
  ).format(share);
}

/** The largest whole unit of an elapsed time: seconds under a minute, minutes under an hour, … */
function largestUnit(seconds: number): { value: number; unit: 'second' | 'minute' | 'hour' | 'day' } {
  const abs = Math.abs(seconds);
  if (abs < 60) return { value: Math.round(seconds), unit: 'second' };
  if (abs < 3600) return { value: Math.trunc(seconds / 60), unit: 'minute' };
  if (abs < 86_400) return { value: Math.trunc(seconds / 3600), unit: 'hour' };
  return { value: Math.trunc(seconds / 86_400), unit: 'day' };
}

/**
 * How long ago (or, negative, how far ahead) an instant is, in the reader's words: "5 seconds ago",
 * "5秒钟前", "3 days ago", "3天前". `numeric: 'always'` so "0 seconds ago" never turns into "now"
 * in one language and a number in the other.
 */
export function formatRelative(secondsAgo: number, locale: Locale = DEFAULT_LOCALE): string {
  const { value, unit } = largestUnit(secondsAgo);
  return cached(
    `rel:${locale}`,
    () => new Intl.RelativeTimeFormat(INTL_TAG[locale], { numeric: 'always', style: 'long' }),
  ).format(-value, unit);
}

/**
 * A duration in its largest whole unit: "45 sec", "12 min", "3 hr" / "45秒", "12分钟", "3小时".
 * (Intl.DurationFormat is not in Node 20, so a unit-styled number stands in for it.)
 */
export function formatDuration(seconds: number, locale: Locale = DEFAULT_LOCALE): string {
  const { value, unit } = largestUnit(Math.max(0, seconds));
  return cached(
    `dur:${locale}:${unit}`,
    () => new Intl.NumberFormat(INTL_TAG[locale], { style: 'unit', unit, unitDisplay: 'short' }),
  ).format(value);
}

/**
 * A time to finish in its two largest units, so a 1-minute-23 task does not read as "1 min":
 * "1 min 23 sec", "2 hr 5 min" / "1分钟23秒", "2小时5分钟"; under a minute, seconds alone.
 */
export function formatElapsed(seconds: number, locale: Locale = DEFAULT_LOCALE): string {
  const whole = Math.max(0, Math.round(seconds));
  const part = (value: number, unit: 'second' | 'minute' | 'hour') =>
    cached(
      `dur:${locale}:${unit}`,
      () => new Intl.NumberFormat(INTL_TAG[locale], { style: 'unit', unit, unitDisplay: 'short' }),
    ).format(value);
  const join = locale === 'zh' ? '' : ' ';
  if (whole < 60) return part(whole, 'second');
  if (whole < 3600) {
    const rest = whole % 60;
    return rest
      ? [part(Math.trunc(whole / 60), 'minute'), part(rest, 'second')].join(join)
      : part(whole / 60, 'minute');
  }
  const minutes = Math.trunc((whole % 3600) / 60);
  const hours = part(Math.trunc(whole / 3600), 'hour');
  return minutes ? [hours, part(minutes, 'minute')].join(join) : hours;
}
