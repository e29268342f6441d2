/**
 * A chat message's text made inert for the channel that shows it. A task's domain and path prefix
 * are the upstream's text, chosen by whoever submitted the task: `/<!channel>/x/` must read as a path,
 * not ping a whole Slack channel, and `<at user_id="all">` must not ping a whole Feishu group.
 *
 * - Slack (`text`, mrkdwn): `&`, `<` and `>` as `&amp;`, `&lt;`, `&gt;`, the escaping Slack itself
 *   documents; Slack shows the characters as they were.
 * - Feishu (`text`): its tags (`<at …>`) are the only markup, and it has no escape for them, so `<`
 *   and `>` become the full-width `＜` and `＞`: read alike, never a tag.
 * - DingTalk (`text`): mentions are only those the message's `at` field lists, which is never sent;
 *   the text has no markup to escape.
 *
 * The links in the text keep their meaning: the query is already percent-encoded.
 */
import 'server-only';
import type { ChannelSettings } from './settings';

export function chatSafeText(kind: Exclude<ChannelSettings['kind'], 'webhook'>, text: string): string {
  switch (kind) {
    case 'slack':
      return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    case 'feishu':
      return text.replace(/</g, '\uFF1C').replace(/>/g, '\uFF1E');
    case 'dingtalk':
      return text;
  }
}
