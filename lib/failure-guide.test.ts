import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import en from '../messages/domain/en.json';
import zh from '../messages/domain/zh.json';
import { FAILURE_GUIDE_CHECKS, failureGuideFrom } from './failure-guide';
import { FAILURE_REASONS } from './task';

function guideIn(locale: 'en' | 'zh') {
  const t = createTranslator({ locale, messages: locale === 'en' ? en : zh, namespace: 'FailureGuide' });
  // The keys are built from the reason and check names, which the first test holds to the catalogs.
  return failureGuideFrom((key) => t(key as Parameters<typeof t>[0]));
}

describe('the failure guide', () => {
  it('has a meaning and its checks for every reason, in both languages, and no message without a check', () => {
    for (const catalog of [en, zh]) {
      expect(Object.keys(catalog.FailureGuide).sort()).toEqual([...FAILURE_REASONS].sort());
      for (const reason of FAILURE_REASONS) {
        expect(Object.keys(catalog.FailureGuide[reason].checks)).toEqual([...FAILURE_GUIDE_CHECKS[reason]]);
      }
    }
  });

  it('reads in the language asked for, checks in their order', () => {
    const english = guideIn('en')('origin-timeout');
    expect(english.meaning).toMatch(/^CDN nodes asked the origin/);
    expect(english.checks).toHaveLength(5);
    expect(english.checks[4]).toContain('firewall');

    const chinese = guideIn('zh')('origin-timeout');
    expect(chinese.meaning).toContain('源站');
    expect(chinese.checks[4]).toContain('防火墙');
    expect(guideIn('zh')('internal-error').checks).toEqual([
      '重新提交任务；内部错误通常是暂时的。',
      '如果同一批对象反复出现此错误，请向阿里云提交工单并附上任务 ID。',
    ]);
  });
});
