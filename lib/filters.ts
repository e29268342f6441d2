/**
 * The ONE filter model of the URL contract (docs/contract.md, "the address of a view"): every key, its
 * allowed values, its default, and how it is read and written. The page (nuqs), the client hooks and
 * the route handlers all import it, so a key is defined here once and nowhere else.
 */
import {
  createParser,
  createSerializer,
  type inferParserType,
  parseAsNativeArrayOf,
  parseAsNumberLiteral,
  parseAsStringLiteral,
  type SingleParserBuilder,
} from 'nuqs/server';
import { FAILURE_REASONS, TASK_STATUSES, TASK_TYPES } from './task';
import { isTimeExpression } from './time-range';

export const PAGE_SIZES = [20, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
const TIME_ZONES = ['local', 'utc'] as const;
export type TimeZoneMode = (typeof TIME_ZONES)[number];
export const REFRESH_INTERVALS = ['off', '10s', '30s', '1m', '5m'] as const;
export type RefreshInterval = (typeof REFRESH_INTERVALS)[number];

const DEFAULT_FROM = 'now-24h';
const DEFAULT_TO = 'now';
/** The upstream's own PageNumber limit. */
const MAX_PAGE = 100_000;
/** How many comma-separated ids one `task` value may hold. */
export const MAX_TASK_IDS = 100;

/** The ids of a `task` value (`123` or `123,456`). */
export function taskIdsOf(value: string): string[] {
  return value.split(',');
}

/**
 * Each value is one short string from the address bar, so plain predicates check it: this module
 * also runs in the browser, where a schema library would be the heaviest part of the page's code.
 */
type ValueCheck = (raw: string) => boolean;
const oneOf =
  (allowed: readonly string[]): ValueCheck =>
  (raw) =>
    allowed.includes(raw);
const matches =
  (pattern: RegExp): ValueCheck =>
  (raw) =>
    pattern.test(raw);
/**
 * Text of a length, without control characters: none can be in a URL's path, and the store's text
 * type refuses NUL outright (a `q=%00` must be a 400 naming `q`, not a failed SQL statement).
 */
const printableText =
  (min: number, max: number): ValueCheck =>
  (raw) =>
    raw.length >= min && raw.length <= max && !/\p{Cc}/u.test(raw);

// Named, because each key's entry below uses its check twice: as the rule (isValidValue) and inside
// the parser that reads the value.
const STATUS_CHECK = matches(/^[A-Za-z]{1,32}$/);
const TYPE_CHECK = matches(/^[a-z]{1,32}$/);
/** A DNS name (wildcard domains such as *.example.com are accelerated domains too). */
const DOMAIN_CHECK = matches(/^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/i);
const PATH_CHECK = printableText(1, 2048);
const SEARCH_CHECK = printableText(1, 256);
const TASK_IDS_CHECK = matches(new RegExp(`^\\d{1,20}(?:,\\d{1,20}){0,${MAX_TASK_IDS - 1}}$`));
const TASK_ID_CHECK = matches(/^\d{1,20}$/);
const GROUP_CHECK = matches(/^[A-Za-z0-9_.-]{1,64}$/);
const ACCOUNT_CHECK = matches(/^[a-z0-9][a-z0-9_-]{0,31}$/);
const PAGE_CHECK = matches(/^[1-9]\d{0,5}$/);

const TIME_EXPECTED = 'now, now-<n>(s|m|h|d|w) or an ISO-8601 time such as 2026-11-28T08:00:00Z';

/** A value read by its rule's check: the value as given (or `normalise`d), or null when refused. */
function checkedParser(check: ValueCheck, normalise: (raw: string) => string = (raw) => raw) {
  return createParser({
    parse: (raw: string) => (check(raw) ? normalise(raw) : null),
    serialize: (value: string) => value,
  });
}

/**
 * What a rule says of one key in words: `expected` names what is allowed in English, for the API's
 * 400 (a contract for scripts); `args` are what a page's own wording of the same rule needs
 * (messages/filters, `UrlProblem.expected.<key>`), so both say the same in each language.
 */
interface RuleWords {
  check: ValueCheck;
  expected: string;
  args?: Record<string, string | number>;
}

/** A key given at most once: `parser` reads its value (invalid: null) and holds its default. */
function once<Parser>(words: RuleWords, parser: Parser) {
  return { ...words, repeatable: false as const, parser };
}

/**
 * A key that may appear several times (`status=Failed&status=Pending`): `item` reads one value, and
 * `parser` the list of them.
 */
function repeated<Item>(words: RuleWords, item: SingleParserBuilder<Item>) {
  return { ...words, repeatable: true as const, item, parser: parseAsNativeArrayOf(item) };
}

/**
 * Each key of the URL contract, once: its allowed values (`check`), how they are named in a refusal
 * (`expected`, `args`), and its nuqs parser, which holds its default and how it is read and written.
 * The page's URL state, the strict parse below, the defaults, the types and the link serializer all
 * come from this one table; its order is the order a link writes its keys in. Invalid values parse
 * as null: the page reads the default, the strict parse names the key.
 */
const filterRules = {
  from: once(
    { check: isTimeExpression, expected: TIME_EXPECTED },
    checkedParser(isTimeExpression).withDefault(DEFAULT_FROM),
  ),
  to: once(
    { check: isTimeExpression, expected: TIME_EXPECTED },
    checkedParser(isTimeExpression).withDefault(DEFAULT_TO),
  ),
  // Open sets: the upstream reports more than the documented values (Timeout, Canceled; block,
  // unblock), and the store answers whatever it holds. Known values are offered in the filter bar.
  status: repeated(
    {
      check: STATUS_CHECK,
      expected: `a task status such as ${TASK_STATUSES.join(', ')}`,
      args: { values: TASK_STATUSES.join(', ') },
    },
    checkedParser(STATUS_CHECK),
  ),
  type: repeated(
    {
      check: TYPE_CHECK,
      expected: `an object type such as ${TASK_TYPES.join(', ')}`,
      args: { values: TASK_TYPES.join(', ') },
    },
    checkedParser(TYPE_CHECK),
  ),
  // Domains are case-insensitive; one spelling keeps cache keys and links stable.
  domain: repeated(
    { check: DOMAIN_CHECK, expected: 'a domain name such as example.com' },
    checkedParser(DOMAIN_CHECK, (raw) => raw.toLowerCase()),
  ),
  reason: repeated(
    {
      check: oneOf(FAILURE_REASONS),
      expected: FAILURE_REASONS.join(', '),
      args: { values: FAILURE_REASONS.join(', ') },
    },
    parseAsStringLiteral(FAILURE_REASONS),
  ),
  path: once(
    { check: PATH_CHECK, expected: 'an object path of 1–2048 characters, without control characters' },
    checkedParser(PATH_CHECK),
  ),
  q: once(
    { check: SEARCH_CHECK, expected: 'search text of 1–256 characters, without control characters' },
    checkedParser(SEARCH_CHECK),
  ),
  // One id, or several comma-separated (a resubmission's link shows exactly the tasks it created).
  task: once(
    {
      check: TASK_IDS_CHECK,
      expected: `a task id (digits), or up to ${MAX_TASK_IDS} comma-separated`,
      args: { max: MAX_TASK_IDS },
    },
    checkedParser(TASK_IDS_CHECK),
  ),
  rg: once({ check: GROUP_CHECK, expected: 'a resource group id' }, checkedParser(GROUP_CHECK)),
  // An account id of ACCOUNTS_FILE; `all` on the triage view (every account the user may see). Which
  // ids the user may see is the server's to say (403), not this rule's.
  acct: once({ check: ACCOUNT_CHECK, expected: 'an account id such as prod' }, checkedParser(ACCOUNT_CHECK)),
  page: once(
    { check: PAGE_CHECK, expected: `a page number from 1 to ${MAX_PAGE}`, args: { max: MAX_PAGE } },
    createParser({
      parse: (raw: string) => (PAGE_CHECK(raw) ? Math.min(Number(raw), MAX_PAGE) : null),
      serialize: String,
    }).withDefault(1),
  ),
  size: once(
    {
      check: oneOf(['20', '50', '100']),
      expected: PAGE_SIZES.join(', '),
      args: { values: PAGE_SIZES.join(', ') },
    },
    parseAsNumberLiteral(PAGE_SIZES).withDefault(20),
  ),
  sel: once({ check: TASK_ID_CHECK, expected: 'a task id (digits)' }, checkedParser(TASK_ID_CHECK)),
  tz: once(
    { check: oneOf(TIME_ZONES), expected: TIME_ZONES.join(', '), args: { values: TIME_ZONES.join(', ') } },
    parseAsStringLiteral(TIME_ZONES).withDefault('local'),
  ),
  refresh: once(
    {
      check: oneOf(REFRESH_INTERVALS),
      expected: REFRESH_INTERVALS.join(', '),
      args: { values: REFRESH_INTERVALS.join(', ') },
    },
    parseAsStringLiteral(REFRESH_INTERVALS).withDefault('off'),
  ),
};

type FilterRules = typeof filterRules;
export type FilterKey = keyof FilterRules;
export const FILTER_KEYS = Object.keys(filterRules) as FilterKey[];

/**
 * How many times one repeatable key may appear: 20 is more than every status, type and reason
 * together (the UI never repeats a value), and more domains than a person picks for one view, while
 * a query string cannot grow an IN list without bound.
 */
export const MAX_VALUES_PER_KEY = 20;

export function isValidValue(key: FilterKey, raw: string): boolean {
  return filterRules[key].check(raw);
}

/**
 * Why one key of a query string was refused, as a rule id and its arguments: the API words it in
 * English (`problems`), a page in the reader's language (`UrlProblem` in messages/filters).
 */
export type FilterProblem =
  | { rule: 'unknown-key' }
  | { rule: 'repeated' }
  | { rule: 'too-many'; max: number; got: number }
  /** `value` as the address gave it, cut to 64 characters and quoted as JSON (control characters show). */
  | { rule: 'not-allowed'; key: FilterKey; value: string; args: Record<string, string | number> };

interface ParsedFilters {
  filters: TaskFilters;
  /** Bad keys and why, in English, e.g. `{ status: "must be one of Complete, …" }`. Empty when all is well. */
  problems: Record<string, string>;
  /** The same keys with the rule each broke, for a page to word in its reader's language. */
  issues: Record<string, FilterProblem>;
}

type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

/**
 * Reads a query string into filters. Bad values fall back to the default and are reported in
 * `problems`; the API turns problems into a 400, a page shows them as a notice and goes on.
 * `unknownKeys: 'report'` (the API) names keys outside the contract; pages ignore them.
 */
export function parseFilters(
  input: SearchParamsInput,
  options: { unknownKeys: 'report' | 'ignore' },
): ParsedFilters {
  const entries = toEntries(input);
  // A Map, then Object.fromEntries: `__proto__` is a key a hostile address may send, and assigning
  // it on a plain object would set the prototype instead of reporting the key.
  const issues = new Map<string, FilterProblem>();
  const values = new Map<FilterKey, string[]>();

  for (const [rawKey, raw] of entries) {
    if (!Object.hasOwn(filterRules, rawKey)) {
      if (options.unknownKeys === 'report') issues.set(rawKey, { rule: 'unknown-key' });
      continue;
    }
    const key = rawKey as FilterKey;
    const list = values.get(key) ?? [];
    list.push(raw);
    values.set(key, list);
  }

  const filters: TaskFilters = { ...DEFAULT_FILTERS };
  for (const [key, rawValues] of values) {
    if (!filterRules[key].repeatable && rawValues.length > 1) {
      issues.set(key, { rule: 'repeated' });
      continue;
    }
    if (rawValues.length > MAX_VALUES_PER_KEY) {
      issues.set(key, { rule: 'too-many', max: MAX_VALUES_PER_KEY, got: rawValues.length });
      continue;
    }
    const parsed = readValues(key, rawValues);
    if (!parsed.ok) {
      issues.set(key, {
        rule: 'not-allowed',
        key,
        value: JSON.stringify(truncate(parsed.bad)),
        args: filterRules[key].args ?? {},
      });
      continue;
    }
    (filters as Record<FilterKey, unknown>)[key] = parsed.value;
  }
  return {
    filters,
    problems: Object.fromEntries([...issues].map(([key, issue]) => [key, englishProblem(issue)])),
    issues: Object.fromEntries(issues),
  };
}

/** A refused key's rule in English: the API's 400 says it so (docs/contract.md). */
function englishProblem(problem: FilterProblem): string {
  switch (problem.rule) {
    case 'unknown-key':
      return 'is not a known filter key';
    case 'repeated':
      return 'may be given only once';
    case 'too-many':
      return `may be given at most ${problem.max} times, got ${problem.got}`;
    case 'not-allowed':
      return `${problem.value} is not allowed; expected ${filterRules[problem.key].expected}`;
  }
}

/** A key's values through its own parser: the parsers the page uses are the server's check too. */
function readValues(
  key: FilterKey,
  rawValues: string[],
): { ok: true; value: unknown } | { ok: false; bad: string } {
  const rule: FilterRules[FilterKey] = filterRules[key];
  const parse = (raw: string): unknown => (rule.repeatable ? rule.item.parse(raw) : rule.parser.parse(raw));
  const values: unknown[] = [];
  for (const raw of rawValues) {
    const value = parse(raw);
    if (value === null) return { ok: false, bad: raw };
    values.push(value);
  }
  return { ok: true, value: rule.repeatable ? unique(values as string[]) : values[0] };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function truncate(text: string): string {
  return text.length > 64 ? `${text.slice(0, 61)}…` : text;
}

function toEntries(input: SearchParamsInput): Array<[string, string]> {
  if (input instanceof URLSearchParams) return [...input.entries()];
  const entries: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) entries.push([key, item]);
  }
  return entries;
}

export function toDataFilters(filters: TaskFilters): DataFilters {
  const { sel: _sel, tz: _tz, refresh: _refresh, ...dataFilters } = filters;
  return dataFilters;
}

/** Each key's nuqs parser: what the page's URL state (useQueryStates) and the link serializer take. */
export const filterParsers = Object.fromEntries(
  Object.entries(filterRules).map(([key, rule]) => [key, rule.parser]),
) as { [Key in FilterKey]: FilterRules[Key]['parser'] };

/** One view's filters, as the parsers above read them. */
export type TaskFilters = inferParserType<typeof filterParsers>;

/** Keys that shape how a page shows its view (the open row, times, auto-refresh), not which data. */
const VIEW_ONLY_KEYS = ['sel', 'tz', 'refresh'] as const;

/** The part of the filters that selects data: what the API takes and react-query's cache is keyed by. */
export type DataFilters = Omit<TaskFilters, (typeof VIEW_ONLY_KEYS)[number]>;

/** The keys of DataFilters: what the task read routes take in their address. */
export const DATA_FILTER_KEYS = FILTER_KEYS.filter(
  (key) => !(VIEW_ONLY_KEYS as readonly string[]).includes(key),
) as Array<keyof DataFilters>;

/** Every key at its default: the parsers' defaults, and null for keys without one. */
export const DEFAULT_FILTERS: TaskFilters = Object.fromEntries(
  Object.entries(filterParsers).map(([key, parser]) => [
    key,
    'defaultValue' in parser ? parser.defaultValue : null,
  ]),
) as TaskFilters;

/** Builds `?from=…&status=…` from filters, leaving defaults out: for links and "Copy link". */
export const serializeFilters = createSerializer(filterParsers);

/** A link to the tasks page showing these filters (any not given at their defaults). */
export function tasksHref(filters: Partial<TaskFilters>): string {
  return `/tasks${serializeFilters({ ...DEFAULT_FILTERS, ...filters })}`;
}

/** The view as a whole, paging left out: what the summary, triage and the export read. */
export function wholeView(view: DataFilters): DataFilters {
  return { ...view, page: DEFAULT_FILTERS.page, size: DEFAULT_FILTERS.size };
}

/** The view string the API is called with: data keys only, defaults left out. */
export function toApiSearch(view: DataFilters): string {
  return serializeFilters({ ...view });
}
