/**
 * The URL contract key by key (docs/contract.md, "the address of a view"): for every key of the one
 * filter table, an address as the contract writes it reads as the filter it names and is written back
 * the same; without the key the default applies and a link leaves it out; a refused value is named
 * for the API and read as the default by a page. The table below must cover every key, so a key added
 * to lib/filters.ts without its contract here fails.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FILTERS,
  FILTER_KEYS,
  type FilterKey,
  parseFilters,
  serializeFilters,
  type TaskFilters,
} from './filters';

interface KeyContract {
  /** An address's query string for this key, exactly as a link writes it. */
  url: string;
  /** What it reads as. */
  reads: unknown;
  /** The value without the key. */
  default: unknown;
  /** A query string whose value the rule refuses. */
  refused: string;
}

const CONTRACT: Record<FilterKey, KeyContract> = {
  from: { url: 'from=now-7d', reads: 'now-7d', default: 'now-24h', refused: 'from=yesterday' },
  to: { url: 'to=2026-11-28T08:00:00Z', reads: '2026-11-28T08:00:00Z', default: 'now', refused: 'to=soon' },
  status: {
    url: 'status=Failed&status=Timeout',
    reads: ['Failed', 'Timeout'],
    default: [],
    refused: 'status=Done!',
  },
  type: { url: 'type=file&type=block', reads: ['file', 'block'], default: [], refused: 'type=File' },
  domain: {
    url: 'domain=a.example.com&domain=*.b.example.com',
    reads: ['a.example.com', '*.b.example.com'],
    default: [],
    refused: 'domain=not_a_domain',
  },
  reason: { url: 'reason=origin-timeout', reads: ['origin-timeout'], default: [], refused: 'reason=slow' },
  path: { url: 'path=/img/a+b.png', reads: '/img/a b.png', default: null, refused: 'path=%00' },
  q: { url: 'q=a.png', reads: 'a.png', default: null, refused: 'q=%01' },
  task: { url: 'task=123,456', reads: '123,456', default: null, refused: 'task=12a' },
  rg: { url: 'rg=rg-abc', reads: 'rg-abc', default: null, refused: 'rg=a+b' },
  acct: { url: 'acct=prod', reads: 'prod', default: null, refused: 'acct=Prod' },
  page: { url: 'page=3', reads: 3, default: 1, refused: 'page=0' },
  size: { url: 'size=50', reads: 50, default: 20, refused: 'size=30' },
  sel: { url: 'sel=123', reads: '123', default: null, refused: 'sel=x' },
  tz: { url: 'tz=utc', reads: 'utc', default: 'local', refused: 'tz=gmt' },
  refresh: { url: 'refresh=1m', reads: '1m', default: 'off', refused: 'refresh=2m' },
};

const api = { unknownKeys: 'report' } as const;
const page = { unknownKeys: 'ignore' } as const;

describe('the URL contract, key by key', () => {
  it('covers every key of the filter table', () => {
    expect(Object.keys(CONTRACT).sort()).toEqual([...FILTER_KEYS].sort());
  });

  for (const key of FILTER_KEYS) {
    const contract = CONTRACT[key];

    it(`${key}: reads ${contract.url} and writes it back the same`, () => {
      const { filters, problems } = parseFilters(new URLSearchParams(contract.url), api);
      expect(problems).toEqual({});
      expect(filters).toEqual({ ...DEFAULT_FILTERS, [key]: contract.reads });
      expect(serializeFilters(filters)).toBe(`?${contract.url}`);
    });

    it(`${key}: without it, the default, which a link leaves out`, () => {
      expect(DEFAULT_FILTERS[key]).toEqual(contract.default);
      expect(serializeFilters({ ...DEFAULT_FILTERS, [key]: contract.default } as TaskFilters)).toBe('');
    });

    it(`${key}: a refused value is named for the API and read as the default by a page`, () => {
      const strict = parseFilters(new URLSearchParams(contract.refused), api);
      expect(Object.keys(strict.problems)).toEqual([key]);
      expect(strict.issues[key]).toMatchObject({ rule: 'not-allowed', key });
      const lenient = parseFilters(new URLSearchParams(contract.refused), page);
      expect(lenient.problems).toEqual(strict.problems);
      expect(lenient.filters).toEqual(DEFAULT_FILTERS);
    });
  }

  it('writes every key at once in one order, and reads that address back as it was', () => {
    const url =
      'from=now-7d&to=2026-11-28T08:00:00Z&status=Failed&status=Timeout&type=file&type=block' +
      '&domain=a.example.com&domain=*.b.example.com&reason=origin-timeout&path=/img/a+b.png&q=a.png' +
      '&task=123,456&rg=rg-abc&acct=prod&page=3&size=50&sel=123&tz=utc&refresh=1m';
    for (const key of FILTER_KEYS) expect(url).toContain(CONTRACT[key].url);
    const { filters, problems } = parseFilters(new URLSearchParams(url), api);
    expect(problems).toEqual({});
    expect(filters).toEqual(Object.fromEntries(FILTER_KEYS.map((key) => [key, CONTRACT[key].reads])));
    expect(serializeFilters(filters)).toBe(`?${url}`);
  });

  it('reads any mix of keys, in any order, as the link it writes reads', () => {
    const anyKeys = fc
      .subarray([...FILTER_KEYS])
      .chain((keys) => fc.shuffledSubarray(keys, { minLength: keys.length }));
    fc.assert(
      fc.property(anyKeys, fc.boolean(), (keys, withRefused) => {
        const parts = keys.map((key) =>
          withRefused && key === keys[0] ? CONTRACT[key].refused : CONTRACT[key].url,
        );
        const first = parseFilters(new URLSearchParams(parts.join('&')), page).filters;
        const link = serializeFilters(first);
        const again = parseFilters(new URLSearchParams(link), api);
        expect(again.problems).toEqual({});
        expect(again.filters).toEqual(first);
        expect(serializeFilters(again.filters)).toBe(link);
      }),
    );
  });

  it('writes a domain in one spelling, however the address cased it', () => {
    const { filters } = parseFilters(new URLSearchParams('domain=Img.Example.COM'), api);
    expect(filters.domain).toEqual(['img.example.com']);
    expect(serializeFilters(filters)).toBe('?domain=img.example.com');
  });
});
