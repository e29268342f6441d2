import 'server-only';
import { ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import type { Locale } from '@/lib/i18n/locales';
import { logger } from '../logger';
import { metrics } from '../metrics';
import type { AlertEvent } from './alert-message';
import { channelRequest } from './channel-request';
import type { ChannelSettings, DeliverySettings } from './settings';

/**
 * Sends one alert to one channel: a POST of JSON, retried with exponential backoff on network
 * failures, timeouts, 5xx, 408 and 429, and on a robot's "ok" answer that carries an error code.
 * Every attempt and failure is counted in metrics; a failure is logged with the channel's kind and
 * host and a short cause, never its URL (the path or query is the credential) or the secret.
 */
export type DeliveryOutcome = { ok: true; attempts: number } | { ok: false; attempts: number; error: string };

class DeliveryFailure extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export async function deliverAlert(
  channel: ChannelSettings,
  alert: AlertEvent,
  options: { baseUrl: string; language?: Locale; settings: DeliverySettings; fetch?: typeof fetch },
): Promise<DeliveryOutcome> {
  const { settings } = options;
  const send = options.fetch ?? fetch;
  let attempts = 0;
  const policy = retry(
    handleWhen((error) => !(error instanceof DeliveryFailure) || error.retryable),
    {
      maxAttempts: Math.max(0, settings.attempts - 1),
      backoff: new ExponentialBackoff({ initialDelay: settings.firstRetryMs, maxDelay: settings.maxRetryMs }),
    },
  );
  const retried = policy.onRetry(() => {
    metrics().alertDeliveryRetries.inc({ channel: channel.kind });
  });
  try {
    await policy.execute(async () => {
      attempts += 1;
      const request = channelRequest(channel, alert, options.baseUrl, Date.now(), options.language);
      let response: Response;
      try {
        response = await send(request.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify(request.body),
          signal: AbortSignal.timeout(settings.timeoutMs),
          redirect: 'error',
        });
      } catch (error) {
        throw new DeliveryFailure(networkCause(error), true);
      }
      const text = await response.text().catch(() => '');
      if (!response.ok) {
        const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
        throw new DeliveryFailure(`HTTP ${response.status}`, retryable);
      }
      const refusal = robotRefusal(text);
      if (refusal) throw new DeliveryFailure(refusal, true);
    });
    metrics().alertDeliveries.inc({ channel: channel.kind, event: alert.event, result: 'sent' });
    return { ok: true, attempts };
  } catch (error) {
    const cause = error instanceof DeliveryFailure ? error.message : 'unexpected failure';
    metrics().alertDeliveries.inc({ channel: channel.kind, event: alert.event, result: 'failed' });
    logger().warn(
      {
        channel: channel.kind,
        host: channel.url.host,
        event: alert.event,
        rule: alert.rule,
        attempts,
        cause,
      },
      'alert delivery failed',
    );
    return { ok: false, attempts, error: cause };
  } finally {
    retried.dispose();
  }
}

/** A short, secret-free cause: the error code (ECONNREFUSED…) or "timeout", never the URL. */
function networkCause(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return 'timeout';
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' && /^[A-Z_]{2,40}$/.test(cause.code) ? cause.code : 'network error';
}

/**
 * DingTalk answers HTTP 200 with `{"errcode": 310000, …}` for a bad signature, Feishu with
 * `{"code": 19021, …}`: a non-zero code is a failed delivery.
 */
function robotRefusal(text: string): string | null {
  if (!text.startsWith('{')) return null;
  try {
    const body = JSON.parse(text) as { errcode?: unknown; code?: unknown; StatusCode?: unknown };
    for (const key of ['errcode', 'code', 'StatusCode'] as const) {
      const value = body[key];
      if (typeof value === 'number' && value !== 0) return `answered ${key} ${value}`;
    }
  } catch {
    // Not JSON after all: the status said it was fine.
  }
  return null;
}
