/**
 * Alert configuration: the default rule exists exactly when a channel does; ALERTS_FILE's rules are
 * checked field by field with messages naming the field; a bad channel variable is named and its
 * value (a secret) never echoed; a page sees a channel's host only.
 */
import { describe, expect, it } from 'vitest';
import { AlertConfigError } from './rules';
import { channelSummary, readAlertSettings } from './settings';

const SLACK = 'https://hooks.slack.com/services/T000/B000/SLACKSECRETPATH';
const rule = {
  name: 'downloads-5xx',
  reason: 'origin-5xx',
  domain: 'dl.example.com',
  prefix: '/big/',
  threshold: 5,
  windowMinutes: 5,
  ratio: 2,
  cooldownMinutes: 60,
  channels: ['slack'],
};

function read(env: Record<string, string>, file?: unknown) {
  return readAlertSettings(env, () => JSON.stringify(file));
}

describe('readAlertSettings', () => {
  it('has no rule without a channel, and the default rule on every channel with one', () => {
    expect(read({}).rules).toEqual([]);
    const settings = read({ ALERT_SLACK_WEBHOOK_URL: SLACK, ALERT_WEBHOOK_URL: 'http://127.0.0.1:9/hook' });
    expect(settings.rules.map((r) => [r.name, r.threshold, r.windowMs, r.ratio, r.channels])).toEqual([
      ['origin-timeout-spike', 20, 600_000, 3, ['webhook', 'slack']],
    ]);
  });

  it("adds ALERTS_FILE's rules, times in minutes", () => {
    const settings = read({ ALERT_SLACK_WEBHOOK_URL: SLACK, ALERTS_FILE: 'alerts.json' }, [rule]);
    expect(settings.rules[1]).toEqual({
      name: 'downloads-5xx',
      reason: 'origin-5xx',
      domain: 'dl.example.com',
      prefix: '/big/',
      accounts: null,
      threshold: 5,
      windowMs: 300_000,
      ratio: 2,
      cooldownMs: 3_600_000,
      channels: ['slack'],
    });
  });

  it('reads a time-to-finish rule (kind slow): threshold in seconds, per type, and names its bad fields', () => {
    const slow = {
      name: 'prefetch-slow',
      kind: 'slow',
      type: 'preload',
      domain: 'Video.Example.net',
      thresholdSeconds: 900,
      windowMinutes: 30,
      ratio: 3,
      cooldownMinutes: 60,
    };
    const settings = read({ ALERT_SLACK_WEBHOOK_URL: SLACK, ALERTS_FILE: 'alerts.json' }, [slow]);
    expect(settings.rules[1]).toEqual({
      name: 'prefetch-slow',
      reason: 'slow',
      type: 'preload',
      minTasks: 10,
      domain: 'video.example.net',
      prefix: null,
      accounts: null,
      threshold: 900,
      windowMs: 1_800_000,
      ratio: 3,
      cooldownMs: 3_600_000,
      channels: ['slack'],
    });
    const bad = (file: unknown) => () =>
      read({ ALERT_SLACK_WEBHOOK_URL: SLACK, ALERTS_FILE: 'alerts.json' }, file);
    expect(bad([{ ...slow, thresholdSeconds: 0 }])).toThrow(/\[0\]\.thresholdSeconds/);
    expect(bad([{ ...slow, type: 'block' }])).toThrow(/\[0\]\.type/);
    // A failure rule's fields are not a slow rule's, and the other way round.
    expect(bad([{ ...slow, prefix: '/x/' }])).toThrow(/\[0\].*prefix/);
    expect(bad([rule, { ...rule, name: 'other', kind: 'failures', thresholdSeconds: 5 }])).toThrow(
      /\[1\].*thresholdSeconds/,
    );
  });

  it('limits a rule to the accounts it lists', () => {
    const settings = read({ ALERT_SLACK_WEBHOOK_URL: SLACK, ALERTS_FILE: 'alerts.json' }, [
      { ...rule, accounts: ['prod', 'eu-2'] },
    ]);
    expect(settings.rules[1]?.accounts).toEqual(['prod', 'eu-2']);
  });

  it.each([
    [[{ ...rule, threshold: 0 }], '[0].threshold'],
    [[{ ...rule, prefix: 'big' }], '[0].prefix'],
    [[{ ...rule, reason: 'slow' }], '[0].reason'],
    [[rule, { ...rule, windowMinutes: -1 }], '[1].windowMinutes'],
    [[{ ...rule, colour: 'red' }], 'colour'],
    [[{ ...rule, channels: ['dingtalk'] }], '[0].channels: dingtalk is not configured'],
    [[rule, rule], '[1].name'],
    [[{ ...rule, accounts: ['Prod!'] }], '[0].accounts[0]'],
    [[{ ...rule, accounts: [] }], '[0].accounts'],
  ])('names the bad field of ALERTS_FILE (%j → %s)', (file, field) => {
    expect(() => read({ ALERT_SLACK_WEBHOOK_URL: SLACK, ALERTS_FILE: 'alerts.json' }, file)).toThrow(
      expect.objectContaining({ message: expect.stringContaining(field) }),
    );
  });

  it('writes chat messages in English unless ALERT_LANGUAGE names Chinese; refuses another value', () => {
    expect(read({}).language).toBe('en');
    expect(read({ ALERT_LANGUAGE: 'zh' }).language).toBe('zh');
    expect(() => read({ ALERT_LANGUAGE: 'fr' })).toThrow(/ALERT_LANGUAGE must be en or zh/);
  });

  it('names a bad channel variable without echoing its value', () => {
    const bad = 'not a url SECRETVALUE';
    let error: unknown;
    try {
      read({ ALERT_DINGTALK_WEBHOOK_URL: bad });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(AlertConfigError);
    expect((error as Error).message).toContain('ALERT_DINGTALK_WEBHOOK_URL');
    expect((error as Error).message).not.toContain('SECRETVALUE');
    expect(() => read({ ALERT_FEISHU_SECRET: 'x' })).toThrow(
      /ALERT_FEISHU_SECRET is set but ALERT_FEISHU_WEBHOOK_URL/,
    );
  });

  it('shows a page only the kind and host of a channel', () => {
    const [slack] = read({ ALERT_SLACK_WEBHOOK_URL: SLACK }).channels;
    if (!slack) throw new Error('no channel');
    const summary = JSON.stringify(channelSummary(slack));
    expect(summary).toContain('hooks.slack.com');
    expect(summary).not.toContain('SLACKSECRETPATH');
    expect(summary).not.toContain('T000');
  });
});
