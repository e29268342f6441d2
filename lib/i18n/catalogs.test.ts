/**
 * The message catalogs (messages/<feature>/{en,zh}.json) as a translator leaves them: both languages
 * have the same messages with the same arguments, every message compiles as ICU (the build would
 * fail on it later, less clearly), and no two features claim the same namespace (they are merged).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import compile from 'icu-minify/compile';
import { describe, expect, it } from 'vitest';
import { LOCALES } from './locales';
import { MESSAGE_FEATURES, SERVER_MESSAGE_FEATURES } from './message-features';

const messagesDir = new URL('../../messages', import.meta.url).pathname;
/** The pages' catalogs and the server's own (alert messages): a translator keeps both alike. */
const FEATURES = [...MESSAGE_FEATURES, ...SERVER_MESSAGE_FEATURES];
type Catalog = { [key: string]: string | Catalog };

function flatten(catalog: Catalog, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else if (value && typeof value === 'object' && !Array.isArray(value))
      for (const [k, v] of flatten(value, path)) out.set(k, v);
    else out.set(path, `<not a string: ${JSON.stringify(value)}>`);
  }
  return out;
}

function read(feature: string, locale: string): Catalog {
  return JSON.parse(readFileSync(join(messagesDir, feature, `${locale}.json`), 'utf8')) as Catalog;
}

/**
 * The argument names and tags of a message, as ICU reads it (so a select's `operator {operator}` case
 * is not taken for an argument): `{name}`, `{count, plural, …}`, `<code>…</code>`.
 */
function argumentsOf(message: string): string[] {
  const found = new Set<string>();
  // A compiled message is a string or a list of parts: strings, 0 (a plural's #) and nodes.
  const parts = (list: unknown): void => {
    if (Array.isArray(list)) for (const part of list) if (Array.isArray(part)) node(part);
  };
  // [name], [name, type] and [name, type, cases] are arguments; [tag, ...children] is markup.
  const node = ([name, second, cases, ...rest]: unknown[]): void => {
    if (typeof second === 'number' || second === undefined) {
      found.add(String(name));
      if (cases && typeof cases === 'object') Object.values(cases).forEach(parts);
    } else {
      found.add(`<${String(name)}>`);
      parts([second, cases, ...rest]);
    }
  };
  try {
    parts(compile(message));
  } catch {
    // Reported by the compile test below.
  }
  return [...found].sort();
}

const merged = Object.fromEntries(
  LOCALES.map((locale) => [
    locale,
    new Map(FEATURES.flatMap((feature) => [...flatten(read(feature, locale))])),
  ]),
) as Record<(typeof LOCALES)[number], Map<string, string>>;

describe('message catalogs', () => {
  it('has a folder for each feature and no folder that neither request.ts nor the server loads', () => {
    expect(readdirSync(messagesDir).sort()).toEqual([...FEATURES].sort());
  });

  it('gives English and Chinese the same messages', () => {
    const { en, zh } = merged;
    expect([...en.keys()].filter((key) => !zh.has(key))).toEqual([]);
    expect([...zh.keys()].filter((key) => !en.has(key))).toEqual([]);
  });

  it('gives each message the same arguments in both languages', () => {
    const { en, zh } = merged;
    const differing = [...en]
      .filter(([key, message]) => argumentsOf(message).join() !== argumentsOf(zh.get(key) ?? '').join())
      .map(([key, message]) => `${key}: en ${argumentsOf(message)} / zh ${argumentsOf(zh.get(key) ?? '')}`);
    expect(differing).toEqual([]);
  });

  it('has only messages that compile as ICU, and no empty ones', () => {
    const broken: string[] = [];
    for (const locale of LOCALES)
      for (const [key, message] of merged[locale]) {
        if (!message.trim()) broken.push(`${locale} ${key}: empty`);
        try {
          compile(message);
        } catch (error) {
          broken.push(`${locale} ${key}: ${(error as Error).message}`);
        }
      }
    expect(broken).toEqual([]);
  });

  it('lets no two features claim the same namespace', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const feature of FEATURES)
      for (const namespace of Object.keys(read(feature, 'en'))) {
        const first = owner.get(namespace);
        if (first) clashes.push(`${namespace}: ${first} and ${feature}`);
        owner.set(namespace, feature);
      }
    expect(clashes).toEqual([]);
  });
});
