/**
 * Time expressions of the URL contract: `now`, `now-<n><s|m|h|d|w>` (Grafana style) or an absolute
 * ISO-8601 time. Pure functions of an explicit `nowMs`, so server, browser and tests agree.
 */

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const RELATIVE = /^now(?:-(\d{1,6})([smhdw]))?$/;
const ABSOLUTE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export function isRelativeTime(expression: string): boolean {
  return RELATIVE.test(expression);
}

export function isTimeExpression(expression: string): boolean {
  return RELATIVE.test(expression) || (ABSOLUTE.test(expression) && !Number.isNaN(Date.parse(expression)));
}

/** Milliseconds since the epoch, or null when the text is not a time expression. */
export function resolveTime(expression: string, nowMs: number): number | null {
  const relative = RELATIVE.exec(expression);
  if (relative) {
    const [, amount, unit] = relative;
    if (!amount || !unit) return nowMs;
    return nowMs - Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  }
  if (!ABSOLUTE.test(expression)) return null;
  const ms = Date.parse(expression);
  return Number.isNaN(ms) ? null : ms;
}

export interface ResolvedWindow {
  startMs: number;
  endMs: number;
  /** True when the asked start lay before the start of history and was moved forward to it. */
  clamped: boolean;
}

/**
 * Why a window is not usable: `rule` for a page to word in its reader's language (messages/filters,
 * `TimeWindowProblem`), `message` in English for the API's 400.
 */
export type WindowRule = 'not-a-time' | 'not-before-to' | 'before-history';

type WindowResult =
  | { ok: true; window: ResolvedWindow }
  | { ok: false; field: 'from' | 'to'; rule: WindowRule; message: string };

/**
 * Resolves `from`/`to` into whole seconds (the upstream's and the store's resolution), the end no
 * later than now and the start no earlier than `earliestMs`, the start of the dashboard's history.
 */
export function resolveWindow(from: string, to: string, nowMs: number, earliestMs: number): WindowResult {
  const askedStart = resolveTime(from, nowMs);
  const askedEnd = resolveTime(to, nowMs);
  if (askedStart === null)
    return { ok: false, field: 'from', rule: 'not-a-time', message: 'is not a time expression' };
  if (askedEnd === null)
    return { ok: false, field: 'to', rule: 'not-a-time', message: 'is not a time expression' };
  if (askedStart >= askedEnd)
    return { ok: false, field: 'from', rule: 'not-before-to', message: 'must be before `to`' };

  const endMs = ceilToSecond(Math.min(askedEnd, nowMs));
  const startMs = Math.max(ceilToSecond(earliestMs), floorToSecond(askedStart));
  // A relative start at the very edge (`now-30d` with 30 days of history) is what was asked for.
  const clamped = askedStart < earliestMs - 1000;
  if (endMs <= startMs) {
    return {
      ok: false,
      field: 'to',
      rule: 'before-history',
      message: "lies before the start of the dashboard's history",
    };
  }
  return { ok: true, window: { startMs, endMs, clamped } };
}

/**
 * ISO-8601 UTC to the second, `2026-11-28T08:00:00Z`: the upstream's own time format, and the one
 * the app writes everywhere (URLs, API answers, CSV), so times compare as text.
 */
export function isoSeconds(ms: number): string {
  return new Date(floorToSecond(ms)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function floorToSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

function ceilToSecond(ms: number): number {
  return Math.ceil(ms / 1000) * 1000;
}
