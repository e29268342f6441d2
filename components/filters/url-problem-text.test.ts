import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import { FILTER_KEYS, parseFilters } from '@/lib/filters';
import en from '@/messages/filters/en.json';
import zh from '@/messages/filters/zh.json';
import { urlProblemText } from './url-problem-text';

function translator(locale: 'en' | 'zh') {
  const t = createTranslator({ locale, messages: locale === 'en' ? en : zh, namespace: 'UrlProblem' });
  // The keys are built from rule and key names; the last test holds them to the catalogs.
  return (key: string, values?: Record<string, string | number>) => t(key as Parameters<typeof t>[0], values);
}
const page = { unknownKeys: 'ignore' } as const;

/** Every refused key of an address, worded in one language. */
function worded(locale: 'en' | 'zh', search: string): Record<string, string> {
  const { issues } = parseFilters(new URLSearchParams(search), page);
  const t = translator(locale);
  return Object.fromEntries(Object.entries(issues).map(([key, issue]) => [key, urlProblemText(t, issue)]));
}

describe('urlProblemText', () => {
  it('words a bad value in English as the API does, naming what is allowed', () => {
    const search = 'status=Done!&size=7&page=0&task=x&tz=mars&from=yesterday';
    const english = worded('en', search);
    const api = parseFilters(new URLSearchParams(search), page).problems;
    expect(english.status).toBe(api.status);
    expect(english.status).toBe(
      '"Done!" is not allowed; expected a task status such as Complete, Refreshing, Failed, Pending',
    );
    expect(english.size).toBe('"7" is not allowed; expected one of 20, 50, 100');
    expect(english.page).toBe('"0" is not allowed; expected a page number from 1 to 100,000');
    expect(english.task).toBe(
      '"x" is not allowed; expected a task id (digits), or up to 100 comma-separated',
    );
    expect(english.from).toBe(api.from);
  });

  it('words the same problems in Chinese, the value and the URL values as they are', () => {
    const chinese = worded('zh', 'status=Done!&size=7&page=0&from=yesterday&tz=x&tz=y');
    expect(chinese.status).toBe('不接受 "Done!"，应为任务状态，如 Complete, Refreshing, Failed, Pending');
    expect(chinese.size).toBe('不接受 "7"，应为以下值之一：20, 50, 100');
    expect(chinese.page).toBe('不接受 "0"，应为介于 1 和 100,000 之间的页码');
    expect(chinese.from).toBe(
      '不接受 "yesterday"，应为相对时间 now、now-<n>(s|m|h|d|w) 或 ISO-8601 时间（如 2026-11-28T08:00:00Z）',
    );
    expect(chinese.tz).toBe('只能出现一次');
  });

  it('words a key repeated beyond the limit, and a key outside the contract', () => {
    const t = translator('zh');
    expect(urlProblemText(t, { rule: 'too-many', max: 20, got: 21 })).toBe(
      '最多只能出现 20 次，实际出现 21 次',
    );
    expect(urlProblemText(t, { rule: 'unknown-key' })).toBe('不是已知的筛选参数');
    expect(urlProblemText(translator('en'), { rule: 'too-many', max: 20, got: 1500 })).toBe(
      'may be given at most 20 times, got 1,500',
    );
  });

  it('has, in both languages, what each key of the contract accepts', () => {
    for (const catalog of [en, zh])
      expect(Object.keys(catalog.UrlProblem.expected).sort()).toEqual([...FILTER_KEYS].sort());
  });
});
