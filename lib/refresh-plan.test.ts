import { describe, expect, it } from 'vitest';
import { pathsOfText, planRefresh } from './refresh-plan';

const PLENTY = { url: 10_000, directory: 1_000, regex: 100, prefetch: 1_000 };

describe('planning a new refresh', () => {
  it('reads one path per line or spreadsheet cells, dropping blanks', () => {
    expect(
      pathsOfText(' https://a.example.com/1 \r\n\nhttps://a.example.com/2\thttps://b.example.com/3\n'),
    ).toEqual(['https://a.example.com/1', 'https://a.example.com/2', 'https://b.example.com/3']);
  });

  it('groups by domain, merges duplicates and names malformed lines, as a resubmission', () => {
    const plan = planRefresh(
      'File',
      ['https://a.example.com/1', 'https://B.example.com/2', 'https://a.example.com/1', 'not a url'],
      PLENTY,
    );
    expect(plan.calls).toEqual([
      { kind: 'url', domain: 'a.example.com', objectPaths: ['https://a.example.com/1'] },
      { kind: 'url', domain: 'b.example.com', objectPaths: ['https://B.example.com/2'] },
    ]);
    expect(plan.duplicates).toBe(1);
    expect(plan.leftOut).toEqual([{ objectPath: 'not a url', objectType: 'file', reason: 'malformed-path' }]);
    expect(plan.quotaAfter.url).toBe(PLENTY.url - 2);
  });

  it('spends the kind’s own quota and leaves out what does not fit', () => {
    const plan = planRefresh('Prefetch', ['https://a.example.com/1', 'https://a.example.com/2'], {
      ...PLENTY,
      prefetch: 1,
    });
    expect(plan.counts.prefetch).toBe(1);
    expect(plan.leftOut.map((entry) => entry.reason)).toEqual(['quota']);
    expect(plan.calls.every((call) => call.kind === 'prefetch')).toBe(true);
  });

  it('makes one call per regex and up to 100 directories a call', () => {
    const regexes = planRefresh(
      'Regex',
      ['https://a.example.com/x/.*', 'https://a.example.com/y/.*'],
      PLENTY,
    );
    expect(regexes.calls).toHaveLength(2);
    const dirs = Array.from({ length: 150 }, (_, i) => `https://a.example.com/d${i}/`);
    expect(planRefresh('Directory', dirs, PLENTY).calls.map((call) => call.objectPaths.length)).toEqual([
      100, 50,
    ]);
  });
});
