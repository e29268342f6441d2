import 'server-only';
import type { Locale } from '@/lib/i18n/locales';
import { type AlertEvent, alertText, webhookPayload } from './alert-message';
import { chatSafeText } from './chat-escape';
import type { ChannelSettings } from './settings';
import { dingTalkSignedUrl, feishuSign } from './signatures';

/**
 * The HTTP request that carries one alert to one channel, built afresh for every attempt so a signed
 * robot message always has a current timestamp (both robots refuse old ones).
 */
interface ChannelRequest {
  url: URL;
  body: unknown;
}

export function channelRequest(
  channel: ChannelSettings,
  alert: AlertEvent,
  baseUrl: string,
  nowMs: number,
  language: Locale = 'en',
): ChannelRequest {
  const text = alertText(baseUrl, alert, language);
  switch (channel.kind) {
    case 'webhook':
      return { url: channel.url, body: webhookPayload(baseUrl, alert) };
    case 'slack':
      // Incoming webhooks take `text` (mrkdwn); the plain text reads the same once escaped.
      return { url: channel.url, body: { text: chatSafeText('slack', text.body) } };
    case 'dingtalk':
      return {
        url: channel.secret ? dingTalkSignedUrl(channel.url, channel.secret, nowMs) : channel.url,
        body: { msgtype: 'text', text: { content: chatSafeText('dingtalk', text.body) } },
      };
    case 'feishu': {
      const timestamp = Math.floor(nowMs / 1000);
      return {
        url: channel.url,
        body: {
          ...(channel.secret
            ? { timestamp: String(timestamp), sign: feishuSign(channel.secret, timestamp) }
            : {}),
          msg_type: 'text',
          content: { text: chatSafeText('feishu', text.body) },
        },
      };
    }
  }
}
