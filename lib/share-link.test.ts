import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, parseFilters } from './filters';
import { shareUrl } from './share-link';

const now = Date.parse('2026-11-28T12:00:00.400Z');

describe('shareUrl', () => {
  it('pins relative times to absolute instants', () => {
    const url = shareUrl(
      'https://cdn.example',
      '/tasks',
      { ...DEFAULT_FILTERS, from: 'now-6h', status: ['Failed'] },
      { pin: true, nowMs: now },
    );
    expect(url).toBe(
      'https://cdn.example/tasks?from=2026-11-28T06:00:00Z&to=2026-11-28T12:00:00Z&status=Failed',
    );
    const { filters, problems } = parseFilters(new URL(url).searchParams, { unknownKeys: 'report' });
    expect(problems).toEqual({});
    expect(filters.status).toEqual(['Failed']);
  });

  it('keeps relative times when not pinned, and absolute ones always', () => {
    expect(shareUrl('http://h', '/tasks', DEFAULT_FILTERS, { pin: false, nowMs: now })).toBe(
      'http://h/tasks',
    );
    const absolute = { ...DEFAULT_FILTERS, from: '2026-11-28T01:00:00Z', to: '2026-11-28T02:00:00Z' };
    expect(shareUrl('http://h', '/tasks', absolute, { pin: true, nowMs: now })).toBe(
      'http://h/tasks?from=2026-11-28T01:00:00Z&to=2026-11-28T02:00:00Z',
    );
  });

  it('keeps the selected task and display options', () => {
    const url = shareUrl(
      'http://h',
      '/tasks',
      { ...DEFAULT_FILTERS, sel: '42', tz: 'utc', page: 3 },
      { pin: false, nowMs: now },
    );
    expect(url).toBe('http://h/tasks?page=3&sel=42&tz=utc');
  });
});
