/**
 * Hostile domains and path prefixes reach the chat robots as text, never as markup: no Slack
 * mention or link, no Feishu `<at>` tag, no DingTalk mention, in either language.
 */
import { describe, expect, it } from 'vitest';
import type { AlertEvent } from './alert-message';
import { channelRequest } from './channel-request';
import type { ChannelSettings } from './settings';

const BASE = 'https://dash.example.test';
const NOW = Date.parse('2026-11-29T08:11:00Z');
const HOSTILE_PREFIXES = [
  '/<!channel>/x/',
  '/<!here|here>/',
  '/<@U024BE7LH>/',
  '/<https://evil.example|click me>/',
  '/<at user_id="all">所有人</at>/',
  '/a&lt;!channel&gt;/',
];

function alertAt(prefix: string): AlertEvent {
  return {
    event: 'firing',
    rule: 'origin-timeout-spike',
    reason: 'origin-timeout',
    domain: 'img.example.com',
    prefix,
    count: 22,
    baseline: 1,
    windowStart: Date.parse('2026-11-29T08:00:00Z'),
    windowEnd: Date.parse('2026-11-29T08:10:00Z'),
    threshold: 20,
    windowMs: 600_000,
  };
}

const channel = (kind: ChannelSettings['kind']): ChannelSettings => ({
  kind,
  url: new URL('https://robot.example.test/hook'),
  secret: null,
});

/** What Slack shows for an escaped mrkdwn text: its three entities turned back into characters. */
const slackShows = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe.each(['en', 'zh'] as const)('chat messages in %s', (language) => {
  it.each(HOSTILE_PREFIXES)('Slack gets %s as escaped text that shows it as it is', (prefix) => {
    const { body } = channelRequest(channel('slack'), alertAt(prefix), BASE, NOW, language);
    const text = (body as { text: string }).text;
    // No `<` at all: no <!channel>, <!here>, <@user> or <link|label> can be formed.
    expect(text).not.toMatch(/[<>]/);
    // Every `&` starts one of the three entities Slack decodes.
    expect(text.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
    expect(slackShows(text)).toContain(`img.example.com${prefix}`);
  });

  it.each(HOSTILE_PREFIXES)('Feishu gets %s without a tag it would read', (prefix) => {
    const { body } = channelRequest(channel('feishu'), alertAt(prefix), BASE, NOW, language);
    const text = (body as { content: { text: string } }).content.text;
    expect(text).not.toMatch(/[<>]/);
    expect(text).toContain(`img.example.com${prefix.replace(/</g, '＜').replace(/>/g, '＞')}`);
  });

  it.each(HOSTILE_PREFIXES)('DingTalk gets %s as plain text, mentioning nobody', (prefix) => {
    const { body } = channelRequest(channel('dingtalk'), alertAt(prefix), BASE, NOW, language);
    expect(body).toEqual({ msgtype: 'text', text: { content: expect.any(String) } });
    expect((body as { text: { content: string } }).text.content).toContain(`img.example.com${prefix}`);
  });

  it('the link in every robot message still opens the triage view of that prefix', () => {
    const prefix = '/<!channel>/x/';
    for (const kind of ['slack', 'feishu', 'dingtalk'] as const) {
      const { body } = channelRequest(channel(kind), alertAt(prefix), BASE, NOW, language);
      const text = JSON.stringify(body);
      const link = /https:\/\/dash\.example\.test\/triage\?[^\s"]+/.exec(text)?.[0] ?? '';
      const url = new URL(kind === 'slack' ? slackShows(link) : link);
      expect(url.searchParams.get('q'), kind).toBe(prefix);
    }
  });
});
