/** The one time format of the API: UTC `yyyy-MM-ddTHH:mm:ssZ`, whole seconds, no milliseconds. */

const UTC_SECONDS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

export function formatUtcSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Epoch ms, or null when the text is not exactly the API's format or names an impossible date. */
export function parseUtcSeconds(text: string): number | null {
  const m = UTC_SECONDS.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC silently rolls 2026-02-30 into March; a round trip catches that.
  return formatUtcSeconds(ms) === text ? ms : null;
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
