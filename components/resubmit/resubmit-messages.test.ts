/**
 * The resubmit dialog's counted phrases, formatted as the page formats them (next-intl over the
 * catalogs): English picks the singular or the plural, Chinese needs neither and groups digits.
 */
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import en from '@/messages/resubmit/en.json';
import zh from '@/messages/resubmit/zh.json';

const english = createTranslator({ locale: 'en', messages: en });
const chinese = createTranslator({ locale: 'zh', messages: zh });

describe('the resubmit catalogs', () => {
  it('count URLs in the singular and plural in English', () => {
    expect(english('ResubmitObjects.url', { count: 1 })).toBe('1 URL to refresh');
    expect(english('ResubmitObjects.url', { count: 3 })).toBe('3 URLs to refresh');
    expect(english('ResubmitObjects.directory', { count: 2 })).toBe('2 directories to refresh');
    expect(english('ResubmitDialog.counts', { objects: '3 URLs to refresh', calls: 1 })).toBe(
      '3 URLs to refresh in 1 call.',
    );
    expect(english('ResubmitDialog.submitted', { count: 1, tasks: 1 })).toBe('Submitted 1 object as 1 task.');
    expect(english('ResubmitDialog.submitted', { count: 3, tasks: 2 })).toBe(
      'Submitted 3 objects as 2 tasks.',
    );
  });

  it('count them with 个 in Chinese, digits grouped for zh-CN', () => {
    expect(chinese('ResubmitObjects.url', { count: 1 })).toBe('刷新 1 个 URL');
    expect(chinese('ResubmitObjects.url', { count: 3 })).toBe('刷新 3 个 URL');
    expect(chinese('ResubmitObjects.prefetch', { count: 12_345 })).toBe('预热 12,345 个 URL');
    expect(chinese('ResubmitDialog.counts', { objects: '刷新 3 个 URL', calls: 1 })).toBe(
      '刷新 3 个 URL，共 1 次调用。',
    );
    expect(chinese('ResubmitDialog.leftOut-quota', { count: 2 })).toBe('2 个对象未提交：今日配额已用完');
  });

  it('keep the space that joins the "not submitted" tail to the English outcome', () => {
    expect(english('ResubmitDialog.notSubmitted', { count: '1' })).toBe(' 1 not submitted.');
    expect(chinese('ResubmitDialog.notSubmitted', { count: '1' })).toBe('另有 1 个未提交。');
  });
});
