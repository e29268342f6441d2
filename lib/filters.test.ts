import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FILTERS,
  MAX_VALUES_PER_KEY,
  parseFilters,
  serializeFilters,
  tasksHref,
  toApiSearch,
  toDataFilters,
  wholeView,
} from './filters';

const api = { unknownKeys: 'report' } as const;
const page = { unknownKeys: 'ignore' } as const;

describe('parseFilters', () => {
  it('gives the documented defaults for an empty query', () => {
    const { filters, problems } = parseFilters(new URLSearchParams(''), api);
    expect(problems).toEqual({});
    expect(filters).toEqual(DEFAULT_FILTERS);
    expect(filters).toEqual({
      from: 'now-24h',
      to: 'now',
      status: [],
      type: [],
      domain: [],
      reason: [],
      path: null,
      q: null,
      task: null,
      rg: null,
      acct: null,
      page: 1,
      size: 20,
      sel: null,
      tz: 'local',
      refresh: 'off',
    });
  });

  it('reads every key of the contract', () => {
    const search = new URLSearchParams(
      'from=now-6h&to=2026-11-28T08:00:00Z&status=Failed&status=Pending&type=file&domain=Example.COM' +
        '&reason=origin-timeout&path=http://example.com/a.txt&q=a.txt&task=704225667&rg=rg-acfm2&acct=prod-eu&page=3&size=50' +
        '&sel=704225667&tz=utc&refresh=30s',
    );
    const { filters, problems } = parseFilters(search, api);
    expect(problems).toEqual({});
    expect(filters).toEqual({
      from: 'now-6h',
      to: '2026-11-28T08:00:00Z',
      status: ['Failed', 'Pending'],
      type: ['file'],
      domain: ['example.com'],
      reason: ['origin-timeout'],
      path: 'http://example.com/a.txt',
      q: 'a.txt',
      task: '704225667',
      rg: 'rg-acfm2',
      acct: 'prod-eu',
      page: 3,
      size: 50,
      sel: '704225667',
      tz: 'utc',
      refresh: '30s',
    });
  });

  it('takes an account id of the safe pattern, and names acct otherwise', () => {
    expect(parseFilters(new URLSearchParams('acct=all'), api).filters.acct).toBe('all');
    for (const bad of ['Prod', '-prod', 'a'.repeat(33), 'prod eu', '<b>x</b>', '']) {
      const { filters, problems } = parseFilters(new URLSearchParams({ acct: bad }), api);
      expect(filters.acct, bad).toBeNull();
      expect(problems.acct, bad).toMatch(/expected an account id/);
    }
    expect(parseFilters(new URLSearchParams('acct=a&acct=b'), api).problems.acct).toMatch(/only once/);
  });

  it('carries the account into links, and leaves it out when absent', () => {
    expect(tasksHref({ acct: 'staging', status: ['Failed'] })).toBe('/tasks?status=Failed&acct=staging');
    expect(tasksHref({ status: ['Failed'] })).toBe('/tasks?status=Failed');
  });

  it('takes one task id or up to 100 comma-separated, and nothing else', () => {
    const ids = Array.from({ length: 100 }, (_, i) => String(700_000_000 + i));
    expect(parseFilters(new URLSearchParams(`task=${ids.join(',')}`), api).filters.task).toBe(ids.join(','));
    for (const bad of [`${ids.join(',')},1`, '1,,2', '1,', ',1', '1, 2']) {
      expect(parseFilters(new URLSearchParams({ task: bad }), api).problems, bad).toHaveProperty('task');
    }
  });

  it('names each bad key and keeps the default for it', () => {
    const { filters, problems } = parseFilters(
      new URLSearchParams('status=Done!&size=30&page=0&task=12a&from=yesterday&type=file'),
      api,
    );
    expect(Object.keys(problems).sort()).toEqual(['from', 'page', 'size', 'status', 'task']);
    expect(problems.status).toContain('Complete, Refreshing, Failed, Pending');
    expect(filters.status).toEqual([]);
    expect(filters.size).toBe(20);
    expect(filters.type).toEqual(['file']);
  });

  it('takes statuses and types the upstream reports beyond the documented ones', () => {
    const { filters, problems } = parseFilters(
      new URLSearchParams('status=Timeout&status=Canceled&type=block&type=unblock'),
      api,
    );
    expect(problems).toEqual({});
    expect(filters.status).toEqual(['Timeout', 'Canceled']);
    expect(filters.type).toEqual(['block', 'unblock']);
    expect(
      Object.keys(parseFilters(new URLSearchParams('type=Block&status=Time out'), api).problems).sort(),
    ).toEqual(['status', 'type']);
  });

  it('refuses control characters in search text and paths (the store cannot hold NUL)', () => {
    const { filters, problems } = parseFilters(new URLSearchParams('q=%00&path=/a%0Ab&task=1'), api);
    expect(Object.keys(problems).sort()).toEqual(['path', 'q']);
    expect(problems.q).toContain('without control characters');
    expect([filters.q, filters.path, filters.task]).toEqual([null, null, '1']);
    expect(parseFilters(new URLSearchParams('q=图片 %25_&path=/图片/a b.jpg'), api).problems).toEqual({});
  });

  it('rejects unknown keys for the API and ignores them for pages', () => {
    const search = new URLSearchParams('Action=RefreshObjectCaches&AccessKeyId=x&status=Failed');
    expect(Object.keys(parseFilters(search, api).problems).sort()).toEqual(['AccessKeyId', 'Action']);
    expect(parseFilters(search, page).problems).toEqual({});
  });

  it('treats Object.prototype names as unknown keys, not as filters', () => {
    const { problems } = parseFilters(new URLSearchParams('constructor=&toString=1&hasOwnProperty=x'), api);
    expect(Object.keys(problems).sort()).toEqual(['constructor', 'hasOwnProperty', 'toString']);
  });

  it('reports __proto__ as an unknown key, in the English problems and the rules alike', () => {
    const { problems, issues } = parseFilters(new URLSearchParams('__proto__=x'), api);
    expect(Object.keys(problems)).toEqual(['__proto__']);
    expect(Object.keys(issues)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(issues)).toBe(Object.prototype);
  });

  it('gives each refused key its rule and arguments beside the English problem', () => {
    const { problems, issues } = parseFilters(
      new URLSearchParams('status=Done!&page=1&page=2&tz=mars&x=1'),
      api,
    );
    expect(issues).toEqual({
      status: {
        rule: 'not-allowed',
        key: 'status',
        value: '"Done!"',
        args: { values: 'Complete, Refreshing, Failed, Pending' },
      },
      page: { rule: 'repeated' },
      tz: { rule: 'not-allowed', key: 'tz', value: '"mars"', args: { values: 'local, utc' } },
      x: { rule: 'unknown-key' },
    });
    expect(problems).toEqual({
      status: '"Done!" is not allowed; expected a task status such as Complete, Refreshing, Failed, Pending',
      page: 'may be given only once',
      tz: '"mars" is not allowed; expected local, utc',
      x: 'is not a known filter key',
    });
  });

  it('refuses a single-valued key given twice', () => {
    expect(parseFilters(new URLSearchParams('page=1&page=2'), api).problems).toHaveProperty('page');
  });

  it('bounds how often a repeatable key may appear, naming the key beyond it', () => {
    const domains = (count: number) =>
      new URLSearchParams(Array.from({ length: count }, (_, i) => ['domain', `d${i}.example.com`]));
    const atLimit = parseFilters(domains(MAX_VALUES_PER_KEY), { unknownKeys: 'report' });
    expect(atLimit.problems).toEqual({});
    expect(atLimit.filters.domain).toHaveLength(MAX_VALUES_PER_KEY);

    const beyond = parseFilters(domains(MAX_VALUES_PER_KEY + 1), { unknownKeys: 'report' });
    expect(beyond.problems).toEqual({ domain: `may be given at most 20 times, got 21` });
    expect(beyond.filters.domain).toEqual([]);

    // Repeating one value counts too: the bound is on what was sent, before de-duplication.
    const repeated = parseFilters(
      { status: Array.from({ length: 500 }, () => 'Failed') },
      { unknownKeys: 'ignore' },
    );
    expect(Object.keys(repeated.problems)).toEqual(['status']);
  });

  it('de-duplicates repeated values', () => {
    expect(parseFilters(new URLSearchParams('status=Failed&status=Failed'), api).filters.status).toEqual([
      'Failed',
    ]);
  });

  it('accepts the record shape Next.js gives pages', () => {
    const { filters } = parseFilters({ status: ['Failed', 'Complete'], page: '2', missing: undefined }, page);
    expect(filters.status).toEqual(['Failed', 'Complete']);
    expect(filters.page).toBe(2);
  });
});

describe('serializeFilters', () => {
  it('leaves defaults out and repeats multi-valued keys', () => {
    const search = serializeFilters({ ...DEFAULT_FILTERS, status: ['Failed', 'Pending'], page: 2 });
    expect(search).toBe('?status=Failed&status=Pending&page=2');
  });

  it('round-trips through parseFilters', () => {
    const original = {
      ...DEFAULT_FILTERS,
      from: 'now-6h',
      type: ['file' as const],
      domain: ['example.com'],
      q: 'a b&c',
      size: 100 as const,
    };
    const { filters, problems } = parseFilters(new URLSearchParams(serializeFilters(original)), api);
    expect(problems).toEqual({});
    expect(filters).toEqual(original);
  });

  it('keeps page-only keys out of API calls', () => {
    const query = toDataFilters({
      ...DEFAULT_FILTERS,
      sel: '1',
      tz: 'utc',
      refresh: '10s',
      status: ['Failed'],
    });
    expect(toApiSearch(query)).toBe('?status=Failed');
  });

  it('links to the tasks page with only what differs from the defaults, and reads a view whole', () => {
    expect(tasksHref({})).toBe('/tasks');
    expect(tasksHref({ reason: ['origin-timeout'], domain: ['img.example.com'], tz: 'utc' })).toBe(
      '/tasks?domain=img.example.com&reason=origin-timeout&tz=utc',
    );
    const paged = {
      ...toDataFilters(DEFAULT_FILTERS),
      status: ['Failed' as const],
      page: 7,
      size: 100 as const,
    };
    expect(wholeView(paged)).toEqual({ ...paged, page: 1, size: 20 });
  });
});
