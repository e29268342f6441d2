/**
 * What ships stays free of test code: no module under app/, components/ or lib/ (tests and fixtures
 * aside), nor the root modules Next.js loads, imports testing/, a `*.fixture` or `*.test` module, or a
 * devDependency (vitest, fast-check, Playwright…, which a production install does not have).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(new URL('..', import.meta.url).pathname);

const SHIPPED_DIRS = ['app', 'components', 'lib'];
const SHIPPED_ROOT_FILES = ['instrumentation.ts', 'proxy.ts'];
const TEST_FILE = /\.(?:test|spec|fixture)\.tsx?$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function shippedFiles(): string[] {
  return [
    ...SHIPPED_DIRS.flatMap((dir) => sourceFiles(join(root, dir))),
    ...SHIPPED_ROOT_FILES.map((file) => join(root, file)),
  ].filter((file) => !TEST_FILE.test(file));
}

/** Every module a source names: static and type imports, re-exports, dynamic imports, require. */
function importedSpecifiers(source: string): string[] {
  const pattern =
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]|\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
  return [...source.matchAll(pattern)].map((match) => match[1] ?? match[2] ?? match[3] ?? '');
}

const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};
/** Packages a production install leaves out (type packages are erased at build time). */
const DEV_PACKAGES = Object.keys(packageJson.devDependencies).filter((name) => !name.startsWith('@types/'));

/** Why a module of `file` may not import `specifier`, or null when it may. */
function testOnlyImport(file: string, specifier: string): string | null {
  const packageName = specifier.startsWith('@')
    ? specifier.split('/').slice(0, 2).join('/')
    : specifier.split('/')[0];
  if (packageName && DEV_PACKAGES.includes(packageName)) return 'a devDependency';
  const target = specifier.startsWith('@/')
    ? join(root, specifier.slice(2))
    : specifier.startsWith('.')
      ? resolve(dirname(file), specifier)
      : null;
  if (target === null) return null;
  const fromRoot = relative(root, target);
  if (fromRoot === 'testing' || fromRoot.startsWith(`testing${sep}`)) return 'test support (testing/)';
  if (/\.(?:test|spec|fixture)(?:\.tsx?)?$/.test(target)) return 'a test or fixture module';
  return null;
}

describe('shipped modules', () => {
  it('are found', () => {
    const files = shippedFiles().map((file) => relative(root, file));
    expect(files).toEqual(
      expect.arrayContaining(['app/(dashboard)/tasks/page.tsx', 'lib/filters.ts', 'proxy.ts']),
    );
    expect(files.some((file) => TEST_FILE.test(file))).toBe(false);
  });

  it('import no test code', () => {
    const findings = shippedFiles().flatMap((file) =>
      importedSpecifiers(readFileSync(file, 'utf8')).flatMap((specifier) => {
        const why = testOnlyImport(file, specifier);
        return why ? [`${relative(root, file)} imports ${specifier}: ${why}`] : [];
      }),
    );
    expect(findings).toEqual([]);
  });
});

describe('the import check', () => {
  const file = join(root, 'lib/server/store/summary-reads.ts');

  it('reads every form of import', () => {
    const source = [
      "import { a } from '@/testing/row-aggregation';",
      "import type { B } from './store-engines.fixture';",
      "export { c } from '../x';",
      "import 'server-only';",
      "const d = await import('fast-check');",
      "const e = require('vitest');",
      'import {\n  f,\n  g,\n} from "./multi-line";',
    ].join('\n');
    expect(importedSpecifiers(source)).toEqual([
      '@/testing/row-aggregation',
      './store-engines.fixture',
      '../x',
      'server-only',
      'fast-check',
      'vitest',
      './multi-line',
    ]);
  });

  it('refuses test support, fixtures, tests and devDependencies, and nothing else', () => {
    expect(testOnlyImport(file, '@/testing/row-aggregation')).toBe('test support (testing/)');
    expect(testOnlyImport(file, '../../../testing/random-tasks')).toBe('test support (testing/)');
    expect(testOnlyImport(file, './store-engines.fixture')).toBe('a test or fixture module');
    expect(testOnlyImport(file, './cells.test')).toBe('a test or fixture module');
    expect(testOnlyImport(file, 'vitest')).toBe('a devDependency');
    expect(testOnlyImport(file, '@playwright/test')).toBe('a devDependency');
    expect(testOnlyImport(file, './task-rows')).toBeNull();
    expect(testOnlyImport(file, '@/lib/server/testing-ground')).toBeNull();
    expect(testOnlyImport(file, 'kysely')).toBeNull();
    expect(testOnlyImport(file, '@alicloud/cdn20180510')).toBeNull();
  });
});
