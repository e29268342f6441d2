/**
 * What `npm test` needs from the machine besides Node packages, checked in its first second so a
 * newcomer without one learns it at once, with the one `apt-get install` line that fixes it, instead
 * of from a failing test twenty minutes in. The README's "Start" section lists the same packages.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface Prerequisite {
  /** What a reader calls it. */
  name: string;
  /** The Debian package that brings it. */
  aptPackage: string;
  /** Which tests need it. */
  neededBy: string;
  present: () => boolean;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function onPath(command: string, path = process.env.PATH ?? ''): boolean {
  return path
    .split(delimiter)
    .filter(Boolean)
    .some((folder) => executable(join(folder, command)));
}

/** Debian's PostgreSQL server binaries, where testing/postgres-server.ts looks for them. */
export function postgresPresent(root = '/usr/lib/postgresql'): boolean {
  return (
    existsSync(root) &&
    readdirSync(root).some(
      (version) => /^\d+$/.test(version) && executable(join(root, version, 'bin', 'initdb')),
    )
  );
}

/** A font with Chinese glyphs, as fontconfig (which Chromium draws with) sees it. */
export function cjkFontPresent(): boolean {
  try {
    return (
      execFileSync('fc-list', [':lang=zh'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim() !== ''
    );
  } catch {
    // No fc-list: no fontconfig, so no font Chromium could find either.
    return false;
  }
}

export const PREREQUISITES: readonly Prerequisite[] = [
  {
    name: 'Chromium',
    aptPackage: 'chromium',
    neededBy: 'the end-to-end tests (Playwright drives the system browser)',
    present: () => executable(process.env.CHROMIUM_PATH || '/usr/bin/chromium'),
  },
  {
    name: 'redis-server',
    aptPackage: 'redis-server',
    neededBy: 'the shared-budget and rate-limit tests (each starts its own server)',
    present: () => onPath('redis-server'),
  },
  {
    name: 'PostgreSQL server binaries',
    aptPackage: 'postgresql',
    neededBy: 'the store tests on PostgreSQL (each starts its own cluster)',
    present: () => postgresPresent(),
  },
  {
    name: 'a CJK font',
    aptPackage: 'fonts-noto-cjk',
    neededBy: 'the Chinese pages and paths drawn in Chromium',
    present: () => cjkFontPresent(),
  },
];

/** The missing ones and the one line that installs them all; null when nothing is missing. */
export function missingReport(prerequisites: readonly Prerequisite[]): string | null {
  const missing = prerequisites.filter((prerequisite) => !prerequisite.present());
  if (missing.length === 0) return null;
  return [
    'npm test needs what this machine lacks:',
    ...missing.map((prerequisite) => `  - ${prerequisite.name}, for ${prerequisite.neededBy}`),
    'Install it (Debian or Ubuntu, as root) with:',
    `  apt-get update && apt-get install -y ${missing.map((prerequisite) => prerequisite.aptPackage).join(' ')}`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const report = missingReport(PREREQUISITES);
  if (report) {
    console.error(report);
    process.exit(1);
  }
}
