import 'server-only';
import { isoSeconds } from '@/lib/time-range';
import { logger } from '../logger';
import type { AlertEvent } from './alert-message';
import { type DeliveryOutcome, deliverAlert } from './deliver';
import { DEFAULT_RULE_NAME } from './rules';
import type { AlertSettings, ChannelSettings } from './settings';

/**
 * A test message to one channel, sent when an operator asks (the /alerts page). It goes the same way
 * as an alert — same request, signature and retries, fewer of them, since someone is waiting — and
 * says plainly that it is a test (`"event": "test"` in the JSON webhook's payload).
 */
export async function sendTestMessage(
  channel: ChannelSettings,
  settings: AlertSettings,
  requestedBy: string,
): Promise<DeliveryOutcome> {
  const nowMs = Date.now();
  const event: AlertEvent = {
    event: 'test',
    rule: settings.rules[0]?.name ?? DEFAULT_RULE_NAME,
    reason: 'origin-timeout',
    domain: 'example.com',
    prefix: '/test/',
    count: 0,
    baseline: 0,
    windowStart: nowMs - 10 * 60_000,
    windowEnd: nowMs,
    threshold: settings.rules[0]?.threshold ?? 20,
    windowMs: 10 * 60_000,
  };
  logger().info(
    { channel: channel.kind, host: channel.url.host, requestedBy, at: isoSeconds(nowMs) },
    'alert test message',
  );
  return deliverAlert(channel, event, {
    baseUrl: settings.baseUrl,
    language: settings.language,
    settings: { ...settings.delivery, attempts: Math.min(2, settings.delivery.attempts), maxRetryMs: 2_000 },
  });
}
