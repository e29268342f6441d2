/**
 * Property: whatever query string a signed-in user sends to /api/tasks, the answer is 200 or 400 in
 * the contract's shape, never a 500, never a stack trace, and any key outside the contract is a 400
 * that names it. Valid queries are a small minority and each costs one upstream call (one type and
 * status, or one task id), so the run takes well under a minute. The emulator's rate limit is lifted
 * meanwhile: throttling is the upstream's condition, not an answer to the input, and has tests of its own.
 */
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { controlClient } from '../emulator/control-client';
import type { RateLimits } from '../emulator/rate-limiter';
import { emulatorUrl } from './emulator-control';

const KNOWN_KEYS = [
  'from',
  'to',
  'status',
  'type',
  'domain',
  'reason',
  'path',
  'q',
  'task',
  'rg',
  'page',
  'size',
];
/**
 * Keys the contract knows (the page-only ones included); any other key must be refused by name.
 * `__proto__` is in the list only because Next.js drops it from the query before the app sees it.
 */
const CONTRACT_KEYS = new Set([...KNOWN_KEYS, 'sel', 'tz', 'refresh', '__proto__']);
const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'Action',
  'Version',
  'AccessKeyId',
  'Signature',
  'SecurityToken',
  'RefreshObjectCaches',
  'status[]',
  'page[0]',
  '',
  ' ',
  'a'.repeat(2_000),
  '%00',
  '\u0000',
  '😀',
];
const HOSTILE_VALUES = [
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Log4Shell probe, meant literally.
  '${jndi:ldap://127.0.0.1/a}',
  '{{7*7}}',
  '%00',
  '\u0000',
  '\uFFFF\uD800',
  '-1',
  '0',
  '1e309',
  'NaN',
  'Infinity',
  '99999999999999999999999',
  'now-99999999999d',
  'now+1h',
  '9999-99-99T99:99:99Z',
  '2026-02-30T00:00:00Z',
  '1970-01-01T00:00:00Z',
  '(a+)+$',
  '[',
  '\\',
  '*',
  'x'.repeat(5_000),
  '__proto__',
  'Complete,Failed',
  'FILE',
  ' Failed',
];

/** Percent-encodes UTF-8 bytes; lone surrogates become U+FFFD as a browser would send them. */
const encoded = (text: string) =>
  Array.from(new TextEncoder().encode(text), (byte) =>
    /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
      ? String.fromCharCode(byte)
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
  ).join('');
const rawPrintable = fc.string({
  unit: fc.constantFrom(...'abcXYZ019%&=+;,/?:@#[]!$\'()*-._~ <>"{}|\\^`'),
  maxLength: 80,
});
const anyText = fc.oneof(
  fc.constantFrom(...HOSTILE_VALUES),
  fc.string({ unit: 'binary', maxLength: 60 }),
  rawPrintable,
);

/** A pair where the key or the value is wrong: answered 400 before any upstream call. */
const badPair = fc.oneof(
  fc
    .tuple(fc.constantFrom(...HOSTILE_KEYS), anyText)
    .map(([key, value]) => `${encoded(key)}=${encoded(value)}`),
  fc
    .tuple(
      fc.constantFrom('from', 'to', 'status', 'type', 'reason', 'task', 'page', 'size', 'domain', 'rg'),
      anyText,
    )
    .map(([key, value]) => `${key}=${encoded(value)}`),
  rawPrintable,
  fc.string({ unit: 'binary', maxLength: 40 }).map((text) => `${encoded(text)}=1`),
);
/** A pair that may be fine on its own: mixed with at least one bad pair below. */
const anyPair = fc.oneof(
  badPair,
  fc.tuple(fc.constantFrom(...KNOWN_KEYS), anyText).map(([k, v]) => `${k}=${encoded(v)}`),
);

const hostileQuery = fc
  .tuple(badPair, fc.array(anyPair, { maxLength: 12 }), fc.boolean())
  .map(([bad, others, badFirst]) => (badFirst ? [bad, ...others] : [...others, bad]).join('&'));

/** Valid, each at most one upstream call; free text rides on a task id so it filters one row. */
const cheapValidQuery = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('Complete', 'Refreshing', 'Failed'),
      fc.constantFrom('file', 'directory', 'regex', 'preload'),
      fc.constantFrom('now-15m', 'now-6h', 'now-24h'),
      fc.integer({ min: 1, max: 3 }),
      fc.constantFrom('20', '50', '100'),
    )
    .map(
      ([status, type, from, page, size]) =>
        `status=${status}&type=${type}&from=${from}&page=${page}&size=${size}`,
    ),
  fc
    .tuple(
      fc.bigInt({ min: 1n, max: 99_999_999_999n }),
      fc.constantFrom(...HOSTILE_VALUES.filter((value) => value.length <= 256 && value.trim())),
    )
    .map(([task, text]) => `task=${task}&q=${encoded(text)}`),
);

const anyQuery = fc.oneof({ weight: 40, arbitrary: hostileQuery }, { weight: 1, arbitrary: cheapValidQuery });

const STACK_TRACE = /\bat [\w.<>$]+ \(|\.(?:ts|tsx|js|mjs):\d+:\d+|node_modules|webpack|turbopack|\bError: /;

let previousLimits: RateLimits | 'off' = {};

test.beforeAll(async () => {
  const current = await fetch(`${emulatorUrl}/__emulator/rate-limits`);
  previousLimits = ((await current.json()) as { limits: RateLimits | 'off' }).limits;
  await controlClient(emulatorUrl).setRateLimits('off');
});

test.afterAll(async () => {
  await controlClient(emulatorUrl).setRateLimits(previousLimits);
});

test('1,000 random and hostile query strings: only 200 or 400, never a 500 or a stack trace', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(anyQuery, async (query) => {
      const response = await page.request.get(`/api/tasks?${query}`, { maxRedirects: 0 });
      const status = response.status();
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      const text = await response.text();
      expect([200, 400], `${status} for ?${query.slice(0, 300)}: ${text.slice(0, 300)}`).toContain(status);
      expect(text).not.toMatch(STACK_TRACE);
      const body = JSON.parse(text) as {
        tasks?: unknown;
        error?: { code: string; message: string; fields?: Record<string, string> };
      };
      if (status === 400) expect(body.error?.code).toBe('BadRequest');
      else expect(Array.isArray(body.tasks)).toBe(true);
      // The query as the server sees it (a URL's: `#` starts the fragment); every key outside the
      // contract must be named.
      const seen = new URL(`/api/tasks?${query}`, 'http://dashboard.test').searchParams;
      const unknownKeys = [...new Set(seen.keys())].filter((key) => !CONTRACT_KEYS.has(key));
      if (unknownKeys.length > 0) {
        expect(status, `unknown ${JSON.stringify(unknownKeys).slice(0, 200)} accepted`).toBe(400);
        for (const key of unknownKeys)
          expect(Object.hasOwn(body.error?.fields ?? {}, key), key.slice(0, 80)).toBe(true);
      }
    }),
    { numRuns: 1_000, seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31) },
  );
  console.log('statuses:', Object.fromEntries(statuses));
  expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
});

test('a repeatable key beyond its count limit is a 400 naming it, on every task route and in a resubmitted view', async ({
  page,
}) => {
  const many = (key: string, values: string[]) => values.map((value) => `${key}=${value}`).join('&');
  const domains = Array.from({ length: 21 }, (_, i) => `d${i}.example.com`);
  for (const route of ['/api/tasks', '/api/tasks/summary', '/api/tasks/export', '/api/triage']) {
    const response = await page.request.get(`${route}?type=file&${many('domain', domains)}`);
    expect(response.status(), route).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(error.code).toBe('BadRequest');
    expect(Object.keys(error.fields), route).toEqual(['domain']);
    expect(error.fields.domain).toContain('at most 20');
  }
  // 500 copies of one status: counted as sent, not after de-duplication.
  const repeated = await page.request.get(
    `/api/tasks?type=file&${many('status', Array(500).fill('Failed'))}`,
  );
  expect(repeated.status()).toBe(400);
  // At the limit it is an ordinary query.
  const atLimit = await page.request.get(
    `/api/tasks?type=file&status=Failed&${many('domain', domains.slice(0, 20))}`,
  );
  expect(atLimit.status()).toBe(200);

  // The live-row lookup repeats `task` once per id: 100 at most.
  const ids = Array.from({ length: 101 }, (_, i) => String(9_000_000 + i));
  const byId = await page.request.get(`/api/tasks/by-id?${many('task', ids)}`);
  expect(byId.status()).toBe(400);
  const byIdError = ((await byId.json()) as { error: { fields: Record<string, string> } }).error;
  expect(byIdError.fields).toEqual({ task: expect.stringContaining('at most 100') });
  expect((await page.request.get(`/api/tasks/by-id?${many('task', ids.slice(0, 100))}`)).status()).toBe(200);

  // A resubmission of a view reads the view's query string with the same bound, naming the key.
  await page.goto('/tasks');
  const csrf = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const resubmit = await page.request.post('/api/resubmit', {
    headers: { Origin: new URL(page.url()).origin, 'X-CSRF-Token': csrf.csrfToken },
    data: { mode: 'preview', selection: { kind: 'view', search: `type=file&${many('domain', domains)}` } },
  });
  expect(resubmit.status()).toBe(400);
  const resubmitError = ((await resubmit.json()) as { error: { fields: Record<string, string> } }).error;
  expect(resubmitError.fields).toEqual({ 'selection.search.domain': expect.stringContaining('at most 20') });
});
