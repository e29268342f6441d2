import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_PER_CALL,
  plannedTotal,
  planResubmission,
  type QuotaRemaining,
  type ResubmitCandidate,
  SUBMIT_KINDS,
} from './resubmit-plan';

const plenty: QuotaRemaining = { url: 10_000, directory: 100, regex: 20, prefetch: 1_000 };

const file = (domain: string, name: string): ResubmitCandidate => ({
  objectPath: `https://${domain}/${name}`,
  objectType: 'file',
  domain,
});

describe('planResubmission', () => {
  it('maps each task type to its call and kind, one call per kind and domain', () => {
    const plan = planResubmission(
      [
        file('a.example.com', 'x.js'),
        { objectPath: 'https://a.example.com/dir/', objectType: 'directory', domain: 'a.example.com' },
        { objectPath: 'https://a.example.com/.*\\.png', objectType: 'regex', domain: 'a.example.com' },
        { objectPath: 'https://b.example.com/y.mp4', objectType: 'preload', domain: 'b.example.com' },
        file('b.example.com', 'z.css'),
      ],
      plenty,
    );
    expect(plan.calls).toEqual([
      { kind: 'url', domain: 'a.example.com', objectPaths: ['https://a.example.com/x.js'] },
      { kind: 'url', domain: 'b.example.com', objectPaths: ['https://b.example.com/z.css'] },
      { kind: 'directory', domain: 'a.example.com', objectPaths: ['https://a.example.com/dir/'] },
      { kind: 'regex', domain: 'a.example.com', objectPaths: ['https://a.example.com/.*\\.png'] },
      { kind: 'prefetch', domain: 'b.example.com', objectPaths: ['https://b.example.com/y.mp4'] },
    ]);
    expect(plan.counts).toEqual({ url: 2, directory: 1, regex: 1, prefetch: 1 });
    expect(plan.domains).toEqual(['a.example.com', 'b.example.com']);
    expect(plan.quotaAfter).toEqual({ url: 9_998, directory: 99, regex: 19, prefetch: 999 });
    expect(plan.leftOut).toEqual([]);
  });

  it('splits into calls of at most 1,000 URLs, 100 directories, 1 regex, 100 prefetches', () => {
    const many = (type: string, count: number, suffix = '') =>
      Array.from({ length: count }, (_, i) => ({
        objectPath: `https://a.example.com/${type}-${i}${suffix}`,
        objectType: type,
        domain: 'a.example.com',
      }));
    const plan = planResubmission(
      [...many('file', 2_345), ...many('directory', 150, '/'), ...many('regex', 3), ...many('preload', 201)],
      { ...plenty, directory: 1_000 },
    );
    const sizes = (kind: string) =>
      plan.calls.filter((c) => c.kind === kind).map((c) => c.objectPaths.length);
    expect(sizes('url')).toEqual([1_000, 1_000, 345]);
    expect(sizes('directory')).toEqual([100, 50]);
    expect(sizes('regex')).toEqual([1, 1, 1]);
    expect(sizes('prefetch')).toEqual([100, 100, 1]);
  });

  it('merges repeats of one path of one kind, but not the same path as another kind', () => {
    const plan = planResubmission(
      [
        file('a.example.com', 'x.js'),
        file('a.example.com', 'x.js'),
        { objectPath: 'https://a.example.com/x.js', objectType: 'preload', domain: 'a.example.com' },
        file('a.example.com', 'x.js'),
      ],
      plenty,
    );
    expect(plan.duplicates).toBe(2);
    expect(plan.counts).toEqual({ url: 1, directory: 0, regex: 0, prefetch: 1 });
  });

  it('stops each kind at its remaining quota and names what it left out, in order', () => {
    const plan = planResubmission(
      [
        file('a.example.com', '1'),
        file('a.example.com', '2'),
        file('a.example.com', '3'),
        file('b.example.com', '4'),
      ],
      { ...plenty, url: 2 },
    );
    expect(plan.calls.flatMap((call) => call.objectPaths)).toEqual([
      'https://a.example.com/1',
      'https://a.example.com/2',
    ]);
    expect(plan.leftOut).toEqual([
      { objectPath: 'https://a.example.com/3', objectType: 'file', reason: 'quota' },
      { objectPath: 'https://b.example.com/4', objectType: 'file', reason: 'quota' },
    ]);
    expect(plan.quotaAfter.url).toBe(0);
    expect(plan.domains).toEqual(['a.example.com']);
  });

  it('leaves out block tasks and lines the upstream would refuse as malformed', () => {
    const plan = planResubmission(
      [
        { objectPath: 'https://a.example.com/x', objectType: 'block', domain: 'a.example.com' },
        { objectPath: 'https://a.example.com/a\nb', objectType: 'file', domain: 'a.example.com' },
        {
          objectPath: `https://a.example.com/${'x'.repeat(1_100)}`,
          objectType: 'file',
          domain: 'a.example.com',
        },
        { objectPath: 'https://a.example.com/ok 空格.jpg?v=1', objectType: 'file', domain: 'a.example.com' },
      ],
      plenty,
    );
    expect(plan.leftOut.map((entry) => entry.reason)).toEqual([
      'unsupported-type',
      'malformed-path',
      'malformed-path',
    ]);
    expect(plannedTotal(plan)).toBe(1);
  });

  it('never exceeds a limit, never loses an object and never submits one twice (property)', () => {
    const candidate = fc.record({
      objectPath: fc
        .tuple(
          fc.constantFrom('a.example.com', 'b.example.com', 'c.example.com'),
          fc.integer({ min: 0, max: 40 }),
        )
        .map(([domain, n]) => `https://${domain}/p${n}`),
      objectType: fc.constantFrom('file', 'directory', 'regex', 'preload', 'block'),
    });
    const quota = fc.record({
      url: fc.nat(60),
      directory: fc.nat(60),
      regex: fc.nat(60),
      prefetch: fc.nat(60),
    });
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 300 }), quota, (raw, remaining) => {
        const candidates = raw.map((c) => ({ ...c, domain: new URL(c.objectPath).host }));
        const plan = planResubmission(candidates, remaining);
        const submitted = plan.calls.flatMap((call) =>
          call.objectPaths.map((path) => `${call.kind} ${path}`),
        );
        expect(new Set(submitted).size).toBe(submitted.length);
        for (const call of plan.calls) {
          expect(call.objectPaths.length).toBeLessThanOrEqual(MAX_PER_CALL[call.kind]);
          expect(call.objectPaths.every((path) => new URL(path).host === call.domain)).toBe(true);
        }
        for (const kind of SUBMIT_KINDS) {
          expect(plan.counts[kind]).toBeLessThanOrEqual(remaining[kind]);
          expect(plan.quotaAfter[kind]).toBe(remaining[kind] - plan.counts[kind]);
        }
        expect(submitted.length + plan.leftOut.length + plan.duplicates).toBe(candidates.length);
      }),
    );
  });
});
