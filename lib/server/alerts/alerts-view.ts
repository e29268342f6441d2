import 'server-only';
import { isoSeconds } from '@/lib/time-range';
import type { Store } from '../store/database';
import { alertLink, roundBaseline } from './alert-message';
import { recentAlerts } from './alert-store';
import { type AlertReason, type ChannelKind, ruleAppliesTo } from './rules';
import { type AlertSettings, type ChannelSummary, channelSummary } from './settings';

/**
 * What the /alerts page shows for one account the user may see: the channels (kind and host only,
 * never a URL's path or a secret), the rules evaluated on that account (never one limited to other
 * accounts: its domain and name are theirs), and that account's newest alerts with their groups, links and messages. Plain data, safe to send
 * to the browser. Reasons go as keys, not labels: the page words them in the reader's language.
 */
export interface AlertsView {
  channels: ChannelSummary[];
  rules: Array<{
    name: string;
    /** A failure reason, or `slow`: a time-to-finish rule (its threshold in seconds). */
    reason: AlertReason;
    /** A `slow` rule's task type; null for every type (and for failure rules). */
    type: string | null;
    /** A `slow` rule's least tasks in a window; null for failure rules. */
    minTasks: number | null;
    /** Null: any domain. */
    domain: string | null;
    prefix: string | null;
    threshold: number;
    windowMinutes: number;
    ratio: number;
    cooldownMinutes: number;
    channels: ChannelKind[];
  }>;
  alerts: AlertView[];
}

export interface AlertView {
  id: number;
  rule: string;
  /**
   * A FailureReason key, or `slow` (then count, peak, lastCount and baseline are p90s in seconds);
   * a reason this version does not know yet stays as stored.
   */
  reason: string;
  domain: string;
  prefix: string | null;
  state: 'firing' | 'resolved';
  windowStart: string;
  windowEnd: string;
  count: number;
  baseline: number;
  peak: number;
  lastCount: number;
  resolvedAt: string | null;
  /** The triage view pinned to the alert's window, relative to this site. */
  link: string;
  deliveries: Array<{
    channel: string;
    event: string;
    status: 'pending' | 'sent' | 'failed';
    attempts: number;
    error: string | null;
  }>;
}

export async function alertsView(
  store: Store,
  accountId: string,
  settings: AlertSettings,
): Promise<AlertsView> {
  const alerts = await recentAlerts(store.db, accountId);
  return {
    channels: settings.channels.map(channelSummary),
    rules: settings.rules
      .filter((rule) => ruleAppliesTo(rule, accountId))
      .map((rule) => ({
        name: rule.name,
        reason: rule.reason,
        type: rule.type ?? null,
        minTasks: rule.reason === 'slow' ? (rule.minTasks ?? null) : null,
        domain: rule.domain ?? null,
        prefix: rule.prefix ?? null,
        threshold: rule.threshold,
        windowMinutes: rule.windowMs / 60_000,
        ratio: rule.ratio,
        cooldownMinutes: rule.cooldownMs / 60_000,
        channels: [...rule.channels],
      })),
    alerts: alerts.map((alert) => {
      const windowStart = new Date(alert.window_start).getTime();
      const resolvedAt = alert.resolved_at ? new Date(alert.resolved_at).getTime() : null;
      const windowEnd = resolvedAt ?? new Date(alert.window_end).getTime();
      return {
        id: alert.id,
        rule: alert.rule,
        reason: alert.reason,
        domain: alert.domain,
        prefix: alert.prefix,
        state: alert.state,
        windowStart: isoSeconds(windowStart),
        windowEnd: isoSeconds(new Date(alert.window_end).getTime()),
        count: alert.count,
        baseline: roundBaseline(alert.baseline),
        peak: alert.peak_count,
        lastCount: alert.last_count,
        resolvedAt: resolvedAt === null ? null : isoSeconds(resolvedAt),
        link: alertLink('', {
          event: alert.state,
          rule: alert.rule,
          reason: alert.reason as AlertReason,
          type: settings.rules.find((rule) => rule.name === alert.rule)?.type ?? null,
          domain: alert.domain,
          prefix: alert.prefix,
          count: alert.count,
          baseline: alert.baseline,
          windowStart,
          windowEnd,
          threshold: 0,
          windowMs: 0,
        }),
        deliveries: alert.deliveries.map((delivery) => ({
          channel: delivery.channel,
          event: delivery.event,
          status: delivery.status,
          attempts: delivery.attempts,
          error: delivery.last_error,
        })),
      };
    }),
  };
}
