/**
 * The chat robots' text in each language (ALERT_LANGUAGE): the same facts, the link and the times
 * as they are, the reason in the pages' words for that language.
 */
import { describe, expect, it } from 'vitest';
import { type AlertEvent, alertLink, alertText } from './alert-message';

const BASE = 'https://cdn-monitor.example.com';
const firing: AlertEvent = {
  event: 'firing',
  rule: 'origin-timeout-spike',
  reason: 'origin-timeout',
  domain: 'img.example.com',
  prefix: '/products/',
  count: 30,
  baseline: 1.234,
  windowStart: Date.parse('2026-11-28T08:00:00Z'),
  windowEnd: Date.parse('2026-11-28T08:10:00Z'),
  threshold: 20,
  windowMs: 10 * 60_000,
};

describe('alertText', () => {
  it('in English by default: what, where, how many against the baseline, since when, the link', () => {
    const link = alertLink(BASE, firing);
    expect(alertText(BASE, firing)).toEqual({
      title: '[FIRING] Origin Timeout spike on img.example.com/products/',
      body: [
        '[FIRING] Origin Timeout spike on img.example.com/products/',
        '30 Origin Timeout failures in 10 min (threshold 20; baseline 1.23 per 10 min over the previous 24 h).',
        'Since 2026-11-28 08:00:00 UTC, rule origin-timeout-spike.',
        `Triage: ${link}`,
      ].join('\n'),
    });
  });

  it('in Chinese: the same facts and link, the reason as the pages word it', () => {
    const link = alertLink(BASE, firing);
    const { title, body } = alertText(BASE, firing, 'zh');
    expect(title).toBe('【告警】img.example.com/products/ 的回源超时激增');
    expect(body.split('\n')).toEqual([
      title,
      '10 分钟内回源超时失败 30 次（阈值 20；基线：过去 24 小时每 10 分钟 1.23 次）。',
      '开始于 2026-11-28 08:00:00 UTC，规则 origin-timeout-spike。',
      `故障排查：${link}`,
    ]);
  });

  it('words a slow alert: the p90 against its threshold and baseline, linking to the task list', () => {
    const slow: AlertEvent = {
      ...firing,
      rule: 'prefetch-slow',
      reason: 'slow',
      type: 'preload',
      prefix: null,
      count: 1_830,
      baseline: 300,
      threshold: 900,
      windowMs: 30 * 60_000,
    };
    const link = alertLink(BASE, slow);
    expect(new URL(link).pathname).toBe('/tasks');
    expect(new URL(link).searchParams.getAll('type')).toEqual(['preload']);
    expect(alertText(BASE, slow).body.split('\n')).toEqual([
      '[FIRING] Slow to finish: Prefetches on img.example.com',
      'p90 time to finish 30 min 30 sec for tasks created in the last 30 min (threshold 15 min; p90 over the previous 24 h 5 min).',
      'Since 2026-11-28 08:00:00 UTC, rule prefetch-slow.',
      `Tasks: ${link}`,
    ]);
    expect(alertText(BASE, { ...slow, event: 'resolved', type: null, count: 200 }, 'zh').title).toBe(
      '【已恢复】img.example.com 的任务完成变慢',
    );
  });

  it('words a resolved alert and a test message in both languages, naming the account when there are several', () => {
    const resolved: AlertEvent = {
      ...firing,
      event: 'resolved',
      count: 3,
      account: { id: 'prod', name: 'Production' },
    };
    expect(alertText(BASE, resolved).body).toContain(
      '[RESOLVED] Origin Timeout on img.example.com/products/ (Production)',
    );
    expect(alertText(BASE, resolved).body).toContain('Back below 20 per 10 min for a whole window: 3 now');
    expect(alertText(BASE, resolved, 'zh').body).toContain(
      '【已恢复】img.example.com/products/（Production） 的回源超时',
    );
    expect(alertText(BASE, resolved, 'zh').body).toContain(
      '从 2026-11-28 08:00:00 UTC 到 2026-11-28 08:10:00 UTC',
    );

    const test: AlertEvent = { ...firing, event: 'test' };
    expect(alertText(BASE, test).body).toContain(
      'This channel receives the dashboard’s alerts (rule origin-timeout-spike).',
    );
    expect(alertText(BASE, test, 'zh').title).toBe('CDN Refresh Monitor：测试消息');
    expect(alertText(BASE, test, 'zh').body).toContain(alertLink(BASE, test));
  });
});
