import { describe, expect, it } from 'vitest';
import { answersWindow, callFamily, memoryAnswerStore } from './answer-cache';

const window = (endIso: string, hours: number) => ({
  startTime: new Date(Date.parse(endIso) - hours * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  endTime: endIso,
});

describe('answer cache', () => {
  it('puts the same query with a moved relative window in one family, other filters in another', () => {
    const a = callFamily('DescribeRefreshTasks', { ...window('2026-01-01T10:00:00Z', 24), pageNumber: 1 });
    const b = callFamily('DescribeRefreshTasks', { ...window('2026-01-01T10:00:03Z', 24), pageNumber: 1 });
    const c = callFamily('DescribeRefreshTasks', { ...window('2026-01-01T10:00:03Z', 6), pageNumber: 1 });
    const d = callFamily('DescribeRefreshTasks', { ...window('2026-01-01T10:00:03Z', 24), pageNumber: 2 });
    expect(a.family).toBe(b.family);
    expect(new Set([a.family, c.family, d.family]).size).toBe(3);
    expect((b.windowEnd ?? 0) - (a.windowEnd ?? 0)).toBe(3_000);
  });

  it('lets an answer stand for a window moved on by no more than its age', () => {
    const answer = { value: 1, fetchedAt: 10_000, windowEnd: 10_000 };
    expect(answersWindow(answer, 10_000, 10_500)).toBe(true);
    expect(answersWindow(answer, 13_000, 13_000)).toBe(true);
    expect(answersWindow(answer, 15_000, 13_000)).toBe(false);
    expect(answersWindow(answer, 9_000, 13_000)).toBe(false);
    expect(answersWindow({ value: 1, fetchedAt: 0, windowEnd: null }, null, 99)).toBe(true);
  });

  it('forgets entries when their time is up', async () => {
    let now = 0;
    const store = memoryAnswerStore(() => now);
    await store.set('f', { value: 'v', fetchedAt: 0, windowEnd: null }, 1_000);
    expect(await store.get('f')).not.toBeNull();
    now = 1_000;
    expect(await store.get('f')).toBeNull();
  });
});
