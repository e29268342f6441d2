import 'server-only';
import { DEFAULT_FILTERS, serializeFilters, type TaskFilters } from '@/lib/filters';
import type { FailureReason } from '@/lib/task';
import { isoSeconds } from '@/lib/time-range';
// Alert messages are in English (docs/i18n.md): the reason's English label, from the one catalog.
import domainEn from '@/messages/domain/en.json';

/**
 * What one alert says, whatever the channel: the generic webhook sends it as the JSON contract
 * (docs/contract.md, "Alert webhook"), the chat robots as one text that says what, where, how many
 * against the baseline, since when, and links to the triage view pinned to the spike's window.
 */
export interface AlertEvent {
  event: 'firing' | 'resolved' | 'test';
  rule: string;
  reason: FailureReason;
  domain: string;
  /** The path prefix (`/products/2026/`), null when the alert is about the whole domain. */
  prefix: string | null;
  count: number;
  baseline: number;
  /** ms, data clock. */
  windowStart: number;
  windowEnd: number;
  threshold: number;
  windowMs: number;
  /** The account, with ACCOUNTS_FILE (its link opens that account); absent for the single account. */
  account?: { id: string; name: string };
}

/** The webhook contract's exact shape: these keys and no others (times as ISO text, and a link). */
type WebhookPayload = Omit<AlertEvent, 'windowStart' | 'windowEnd' | 'threshold' | 'windowMs' | 'account'> & {
  windowStart: string;
  windowEnd: string;
  link: string;
  /** With ACCOUNTS_FILE only: the account's id and name (keys added, never changed). */
  account?: string;
  accountName?: string;
};

/** The triage view (or, for other reasons, the task list) of the group, pinned to the window. */
export function alertLink(baseUrl: string, alert: AlertEvent): string {
  const filters: TaskFilters = {
    ...DEFAULT_FILTERS,
    from: isoSeconds(alert.windowStart),
    to: isoSeconds(Math.max(alert.windowEnd, alert.windowStart + 1000)),
    domain: [alert.domain],
    q: alert.prefix && alert.prefix !== '/' ? alert.prefix : null,
    tz: 'utc',
    acct: alert.account?.id ?? null,
  };
  // Triage is about Origin Timeouts; another reason's alert opens the task list filtered to it.
  if (alert.reason === 'origin-timeout') return `${baseUrl}/triage${serializeFilters(filters)}`;
  return `${baseUrl}/tasks${serializeFilters({ ...filters, status: ['Failed'], reason: [alert.reason] })}`;
}

export function webhookPayload(baseUrl: string, alert: AlertEvent): WebhookPayload {
  return {
    event: alert.event,
    rule: alert.rule,
    reason: alert.reason,
    domain: alert.domain,
    prefix: alert.prefix,
    count: alert.count,
    baseline: roundBaseline(alert.baseline),
    windowStart: isoSeconds(alert.windowStart),
    windowEnd: isoSeconds(alert.windowEnd),
    link: alertLink(baseUrl, alert),
    ...(alert.account ? { account: alert.account.id, accountName: alert.account.name } : {}),
  };
}

export function roundBaseline(baseline: number): number {
  return Math.round(baseline * 100) / 100;
}

/** Where, in words: `img.example.com/products/2026/` or `img.example.com`. */
function alertWhere(alert: Pick<AlertEvent, 'domain' | 'prefix'>): string {
  return alert.prefix ? `${alert.domain}${alert.prefix}` : alert.domain;
}

const utc = (ms: number) => `${isoSeconds(ms).replace('T', ' ').replace('Z', '')} UTC`;

/** The chat robots' message: a title line, then the facts, then the link. */
export function alertText(baseUrl: string, alert: AlertEvent): { title: string; body: string } {
  const what = domainEn.FailureReason[alert.reason];
  const where = alert.account ? `${alertWhere(alert)} (${alert.account.name})` : alertWhere(alert);
  const minutes = Math.round(alert.windowMs / 60_000);
  const baseline = `baseline ${roundBaseline(alert.baseline)} per ${minutes} min over the previous 24 h`;
  const link = alertLink(baseUrl, alert);
  if (alert.event === 'test') {
    const title = 'CDN Refresh Monitor: test message';
    return {
      title,
      body: `${title}\nThis channel receives the dashboard's alerts (rule ${alert.rule}). Nothing is wrong.\n${link}`,
    };
  }
  if (alert.event === 'firing') {
    const title = `[FIRING] ${what} spike on ${where}`;
    return {
      title,
      body: [
        title,
        `${alert.count} ${what} failures in ${minutes} min (threshold ${alert.threshold}; ${baseline}).`,
        `Since ${utc(alert.windowStart)}, rule ${alert.rule}.`,
        `Triage: ${link}`,
      ].join('\n'),
    };
  }
  const title = `[RESOLVED] ${what} on ${where}`;
  return {
    title,
    body: [
      title,
      `Back below ${alert.threshold} per ${minutes} min for a whole window: ${alert.count} now (${baseline}).`,
      `From ${utc(alert.windowStart)} to ${utc(alert.windowEnd)}, rule ${alert.rule}.`,
      `Triage: ${link}`,
    ].join('\n'),
  };
}
