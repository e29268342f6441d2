/**
 * Every react-query key is built by the factories in lib/queries.ts: a key written out by hand
 * elsewhere drifts from the one the factory reads (a typo, a missing account) and an invalidation
 * then silently misses the cache it meant to refresh.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const FACTORY_FILE = 'lib/queries.ts';

/** `queryKey: [`, or a cache call (setQueryData, invalidateQueries…) given an array literal. */
const LITERAL_KEY =
  /queryKey:\s*\[|(?:get|set|ensure)QueryData\(\s*\[|(?:invalidate|refetch|cancel|remove|reset)Queries\(\s*\[/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('react-query keys', () => {
  it('are written only in the query factories', () => {
    const offenders = ['app', 'components', 'lib']
      .flatMap((dir) => sourceFiles(join(ROOT, dir)))
      .map((path) => relative(ROOT, path))
      .filter((path) => path !== FACTORY_FILE)
      .flatMap((path) =>
        readFileSync(join(ROOT, path), 'utf8')
          .split('\n')
          .flatMap((line, index) => (LITERAL_KEY.test(line) ? [`${path}:${index + 1}: ${line.trim()}`] : [])),
      );
    expect(offenders).toEqual([]);
  });

  it('finds a literal key where one is written', () => {
    expect(LITERAL_KEY.test("void queryClient.invalidateQueries({ queryKey: ['tasks'] });")).toBe(true);
    expect(LITERAL_KEY.test("queryClient.setQueryData(['quota', acct], value);")).toBe(true);
    expect(LITERAL_KEY.test('void queryClient.invalidateQueries({ queryKey: taskQueries.all() });')).toBe(
      false,
    );
  });
});
