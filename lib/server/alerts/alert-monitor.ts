import 'server-only';
import { accountById, accountsFromFile } from '../accounts/accounts';
import { logger } from '../logger';
import { metrics } from '../metrics';
import type { Store } from '../store/database';
import { readSyncState } from '../sync/sync-state';
import type { AlertEvent } from './alert-message';
import { type AlertRow, type PendingDelivery, pendingDeliveries, recordDelivery } from './alert-store';
import { deliverAlert } from './deliver';
import { evaluateRule } from './evaluate-rule';
import { BASELINE_SPAN_MS } from './group-counts';
import { type AlertReason, type AlertRule, ruleAppliesTo } from './rules';
import type { AlertSettings } from './settings';

/**
 * Evaluates the alert rules on the store and sends what they owe, every `evaluateEveryMs`, on the
 * instance that syncs the account (docs/alerts.md). Windows end where the store last matched the
 * upstream (the sync's `syncedAt`), so a sync that lags never reads as a drop in failures, and a
 * rule waits until the backfill covers its baseline. Messages are sent from the store's record of
 * what is owed: a restart sends what was still pending and nothing that was sent.
 */
interface AlertMonitorOptions {
  /** Whether this instance syncs the account now. */
  isLeader: () => boolean;
  fetch?: typeof fetch;
}

export class AlertMonitor {
  private stopped = true;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** Completed evaluation rounds (tests wait on it). */
  rounds = 0;

  constructor(
    private readonly store: Store,
    readonly accountId: string,
    private readonly settings: AlertSettings,
    private readonly options: AlertMonitorOptions,
  ) {}

  start(): void {
    if (!this.stopped || this.settings.rules.length === 0) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.round()
        .catch((error) => {
          logger().warn(
            { account: this.accountId, err: error instanceof Error ? error.message : String(error) },
            'alert evaluation failed; trying again next round',
          );
        })
        .finally(() => {
          this.running = null;
          this.schedule(this.settings.evaluateEveryMs);
        });
    }, ms);
  }

  /** One round: every rule evaluated at the store's freshness, then every owed message sent. */
  async round(): Promise<void> {
    if (!this.options.isLeader()) return;
    const state = await readSyncState(this.store.db, this.accountId);
    if (state?.syncedAt) {
      let open = 0;
      for (const rule of this.settings.rules) {
        if (!ruleAppliesTo(rule, this.accountId)) continue;
        if (!baselineCovered(rule, state.syncedAt, state.backfillDone, state.backfillCursor)) continue;
        const result = await evaluateRule(this.store.db, this.accountId, rule, state.syncedAt);
        open += result.open;
        for (const group of result.fired)
          logger().info(
            { rule: rule.name, domain: group.domain, prefix: group.prefix, count: group.count },
            'alert firing',
          );
        for (const key of result.resolved) logger().info({ rule: rule.name, group: key }, 'alert resolved');
      }
      metrics().alertsFiring.set({ account: this.accountId }, open);
    }
    await this.sendOwed();
    this.rounds += 1;
  }

  private async sendOwed(): Promise<void> {
    const owed = await pendingDeliveries(this.store.db, this.accountId);
    // One channel's slow retries must not hold another's message back.
    await Promise.all(owed.map((item) => this.send(item)));
  }

  /** With several accounts (ACCOUNTS_FILE), messages name the account and link into it. */
  private namedAccount(): { id: string; name: string } | undefined {
    if (!accountsFromFile()) return undefined;
    const account = accountById(this.accountId);
    return account ? { id: account.id, name: account.name } : undefined;
  }

  private async send({ delivery, alert }: PendingDelivery): Promise<void> {
    const channel = this.settings.channels.find((candidate) => candidate.kind === delivery.channel);
    const rule = this.settings.rules.find((candidate) => candidate.name === alert.rule);
    if (!channel || !rule) {
      await recordDelivery(this.store.db, delivery, {
        status: 'failed',
        attempts: 0,
        error: !channel ? 'channel no longer configured' : 'rule no longer configured',
      });
      metrics().alertDeliveries.inc({ channel: delivery.channel, event: delivery.event, result: 'failed' });
      logger().warn(
        { channel: delivery.channel, rule: alert.rule },
        'alert message dropped: no longer configured',
      );
      return;
    }
    const outcome = await deliverAlert(
      channel,
      alertEvent(alert, delivery.event, rule, this.namedAccount()),
      {
        baseUrl: this.settings.baseUrl,
        language: this.settings.language,
        settings: this.settings.delivery,
        fetch: this.options.fetch,
      },
    );
    await recordDelivery(
      this.store.db,
      delivery,
      outcome.ok
        ? { status: 'sent', attempts: outcome.attempts, error: null }
        : { status: 'failed', attempts: outcome.attempts, error: outcome.error },
    );
  }
}

/** The rule's baseline (24 h before its window) is in the store: the backfill has reached it. */
function baselineCovered(rule: AlertRule, windowEnd: number, backfillDone: boolean, cursor: number): boolean {
  return backfillDone || cursor <= windowEnd - rule.windowMs - BASELINE_SPAN_MS;
}

/** What a stored alert says for one of its events. */
export function alertEvent(
  alert: AlertRow,
  event: 'firing' | 'resolved',
  rule: AlertRule,
  account?: { id: string; name: string },
): AlertEvent {
  const windowStart = new Date(alert.window_start).getTime();
  const firedEnd = new Date(alert.window_end).getTime();
  return {
    event,
    rule: alert.rule,
    reason: alert.reason as AlertReason,
    ...(alert.reason === 'slow' ? { type: rule.type ?? null } : {}),
    domain: alert.domain,
    prefix: alert.prefix,
    count: event === 'firing' ? alert.count : alert.last_count,
    baseline: alert.baseline,
    windowStart,
    windowEnd: event === 'firing' || !alert.resolved_at ? firedEnd : new Date(alert.resolved_at).getTime(),
    threshold: rule.threshold,
    windowMs: rule.windowMs,
    ...(account ? { account } : {}),
  };
}
