import 'server-only';
import { createHmac } from 'node:crypto';

/**
 * The two robots' signing schemes, as their documentation describes them (docs/alerts.md):
 * - DingTalk: sign = base64(HmacSHA256(key = secret, message = timestamp + "\n" + secret)), the
 *   timestamp in milliseconds; both go into the webhook's query, URL-encoded.
 * - Feishu/Lark: sign = base64(HmacSHA256(key = timestamp + "\n" + secret, message = "")), the
 *   timestamp in seconds; both go into the JSON body.
 */
export function dingTalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('', 'utf8').digest('base64');
}

/** The DingTalk webhook with `timestamp` and `sign` added to its query (URLSearchParams encodes). */
export function dingTalkSignedUrl(url: URL, secret: string, timestampMs: number): URL {
  const signed = new URL(url);
  signed.searchParams.set('timestamp', String(timestampMs));
  signed.searchParams.set('sign', dingTalkSign(secret, timestampMs));
  return signed;
}
