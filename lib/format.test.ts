import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDuration,
  formatElapsed,
  formatPercent,
  formatProgress,
  formatRelative,
  formatTimestamp,
} from './format';

describe('formatTimestamp', () => {
  const iso = '2026-11-28T08:23:22Z';
  it('writes English sortably and Chinese as zh-CN does, to the second', () => {
    expect(formatTimestamp(iso, 'utc')).toBe('2026-11-28 08:23:22');
    expect(formatTimestamp(iso, 'utc', 'en')).toBe('2026-11-28 08:23:22');
    expect(formatTimestamp(iso, 'utc', 'zh')).toBe('2026/11/28 08:23:22');
  });
  it('keeps midnight as 00 in both languages', () => {
    expect(formatTimestamp('2026-11-28T00:05:00Z', 'utc', 'en')).toBe('2026-11-28 00:05:00');
    expect(formatTimestamp('2026-11-28T00:05:00Z', 'utc', 'zh')).toBe('2026/11/28 00:05:00');
  });
  it('hands back what is not a date', () => {
    expect(formatTimestamp('soon', 'utc', 'zh')).toBe('soon');
  });
});

describe('numbers', () => {
  it('groups counts and keeps one decimal of progress', () => {
    expect(formatCount(30000, 'en')).toBe('30,000');
    expect(formatCount(30000, 'zh')).toBe('30,000');
    expect(formatProgress(50, 'en')).toBe('50%');
    expect(formatProgress(12.345, 'zh')).toBe('12.3%');
    expect(formatPercent(0.125, 'en')).toBe('12.5%');
  });
});

describe('relative times and durations', () => {
  it('says how long ago in the reader’s words, in the largest whole unit', () => {
    expect(formatRelative(5, 'en')).toBe('5 seconds ago');
    expect(formatRelative(5, 'zh')).toBe('5秒钟前');
    expect(formatRelative(3 * 86_400 + 100, 'en')).toBe('3 days ago');
    expect(formatRelative(3 * 86_400 + 100, 'zh')).toBe('3天前');
    expect(formatRelative(0, 'en')).toBe('0 seconds ago');
  });
  it('writes durations with a short unit', () => {
    expect(formatDuration(45, 'en')).toBe('45 sec');
    expect(formatDuration(12 * 60 + 5, 'en')).toBe('12 min');
    expect(formatDuration(12 * 60 + 5, 'zh')).toBe('12分钟');
    expect(formatDuration(3 * 3600, 'zh')).toBe('3小时');
  });
  it('writes a time to finish in its two largest units', () => {
    expect(formatElapsed(45, 'en')).toBe('45 sec');
    expect(formatElapsed(83, 'en')).toBe('1 min 23 sec');
    expect(formatElapsed(83, 'zh')).toBe('1分钟23秒');
    expect(formatElapsed(120, 'en')).toBe('2 min');
    expect(formatElapsed(2 * 3600 + 5 * 60 + 9, 'en')).toBe('2 hr 5 min');
    expect(formatElapsed(2 * 3600 + 5 * 60, 'zh')).toBe('2小时5分钟');
  });
});
