import 'server-only';
import { createTranslator } from 'next-intl';
import { DEFAULT_FILTERS, serializeFilters, type TaskFilters } from '@/lib/filters';
import { formatElapsed } from '@/lib/format';
import type { Locale } from '@/lib/i18n/locales';
import { isoSeconds } from '@/lib/time-range';
import chatEn from '@/messages/alert-chat/en.json';
import chatZh from '@/messages/alert-chat/zh.json';
import domainEn from '@/messages/domain/en.json';
import domainZh from '@/messages/domain/zh.json';
import type { AlertReason } from './rules';

/**
 * The chat messages' words in each language (ALERT_LANGUAGE, docs/alerts.md): a catalog the server
 * reads for itself, never sent to a page, and the reason labels the pages use.
 */
const CATALOGS = {
  en: { ...chatEn, ...domainEn },
  zh: { ...chatZh, ...domainZh },
} as const;

/**
 * What one alert says, whatever the channel: the generic webhook sends it as the JSON contract
 * (docs/contract.md, "Alert webhook"), the chat robots as one text that says what, where, how many
 * against the baseline, since when, and links to the triage view pinned to the spike's window.
 */
export interface AlertEvent {
  event: 'firing' | 'resolved' | 'test';
  rule: string;
  /** A failure reason, or `slow` for a time-to-finish rule (then count, baseline and threshold are seconds). */
  reason: AlertReason;
  /** A `slow` rule's task type (null: every type); absent for failure rules. */
  type?: string | null;
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
type WebhookPayload = Omit<
  AlertEvent,
  'windowStart' | 'windowEnd' | 'threshold' | 'windowMs' | 'account' | 'type'
> & {
  /** With a `slow` rule only: its task type, null for every type. */
  type?: string | null;
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
  // Slow tasks: the task list (its Time to finish chart) of the domain and type in the window.
  if (alert.reason === 'slow')
    return `${baseUrl}/tasks${serializeFilters({ ...filters, q: null, type: alert.type ? [alert.type] : [] })}`;
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
    ...(alert.reason === 'slow' ? { type: alert.type ?? null } : {}),
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

/** The chat robots' message, in `language`: a title line, then the facts, then the link. */
export function alertText(
  baseUrl: string,
  alert: AlertEvent,
  language: Locale = 'en',
): { title: string; body: string } {
  const messages = CATALOGS[language];
  const t = createTranslator({ locale: language, messages, namespace: 'AlertChat' });
  const where = alert.account
    ? t('whereInAccount', { where: alertWhere(alert), account: alert.account.name })
    : alertWhere(alert);
  const minutes = String(Math.round(alert.windowMs / 60_000));
  const link = alertLink(baseUrl, alert);
  const lines = (title: string, ...rest: string[]) => ({ title, body: [title, ...rest].join('\n') });
  if (alert.reason === 'slow' && alert.event !== 'test') {
    const seconds = (value: number) => formatElapsed(value, language);
    const facts = {
      what: alert.type ?? 'all',
      where,
      minutes,
      rule: alert.rule,
      threshold: seconds(alert.threshold),
      p90: seconds(alert.count),
      baseline:
        alert.baseline > 0 ? t('slowBaseline', { baseline: seconds(alert.baseline) }) : t('slowNoBaseline'),
    };
    const window =
      alert.event === 'firing'
        ? t('firingSince', { ...facts, start: utc(alert.windowStart) })
        : t('resolvedWindow', { ...facts, start: utc(alert.windowStart), end: utc(alert.windowEnd) });
    return alert.event === 'firing'
      ? lines(t('slowFiringTitle', facts), t('slowFiringP90', facts), window, t('tasksLink', { link }))
      : lines(t('slowResolvedTitle', facts), t('slowResolvedP90', facts), window, t('tasksLink', { link }));
  }
  const reason = alert.reason === 'slow' ? alert.reason : messages.FailureReason[alert.reason];
  const baseline = t('baseline', { baseline: String(roundBaseline(alert.baseline)), minutes });
  const facts = { reason, where, minutes, baseline, rule: alert.rule, threshold: String(alert.threshold) };
  if (alert.event === 'test') return lines(t('testTitle'), t('testBody', facts), link);
  if (alert.event === 'firing') {
    return lines(
      t('firingTitle', facts),
      t('firingCount', { ...facts, count: String(alert.count) }),
      t('firingSince', { ...facts, start: utc(alert.windowStart) }),
      t('triageLink', { link }),
    );
  }
  return lines(
    t('resolvedTitle', facts),
    t('resolvedCount', { ...facts, count: String(alert.count) }),
    t('resolvedWindow', { ...facts, start: utc(alert.windowStart), end: utc(alert.windowEnd) }),
    t('triageLink', { link }),
  );
}
