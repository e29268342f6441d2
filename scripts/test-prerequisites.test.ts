import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingReport, onPath, type Prerequisite, postgresPresent } from './test-prerequisites';

function prerequisite(name: string, aptPackage: string, present: boolean): Prerequisite {
  return { name, aptPackage, neededBy: `${name}'s tests`, present: () => present };
}

function folderWithExecutable(relativePath: string): string {
  const root = mkdtempSync(join(tmpdir(), 'prereq-'));
  const file = join(root, relativePath);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, 0o755);
  return root;
}

describe('the test prerequisites check', () => {
  it('says nothing when everything is there', () => {
    expect(missingReport([prerequisite('a', 'pkg-a', true), prerequisite('b', 'pkg-b', true)])).toBeNull();
  });

  it('names every missing one and gives one apt-get line for all of them', () => {
    const report = missingReport([
      prerequisite('Chromium', 'chromium', false),
      prerequisite('redis-server', 'redis-server', true),
      prerequisite('a CJK font', 'fonts-noto-cjk', false),
    ]);
    expect(report).toContain("  - Chromium, for Chromium's tests");
    expect(report).toContain("  - a CJK font, for a CJK font's tests");
    expect(report).not.toContain('redis-server');
    expect(report?.split('\n').at(-1)).toBe('  apt-get update && apt-get install -y chromium fonts-noto-cjk');
  });

  it('finds a command on PATH only where it is executable', () => {
    const root = folderWithExecutable('bin/tool');
    writeFileSync(join(root, 'bin', 'plain-file'), 'not a program');
    expect(onPath('tool', `/nowhere:${join(root, 'bin')}`)).toBe(true);
    expect(onPath('plain-file', join(root, 'bin'))).toBe(false);
    expect(onPath('tool', '/nowhere')).toBe(false);
  });

  it('finds PostgreSQL under a numbered version folder holding initdb', () => {
    expect(postgresPresent(folderWithExecutable('15/bin/initdb'))).toBe(true);
    expect(postgresPresent(folderWithExecutable('common/bin/initdb'))).toBe(false);
    expect(postgresPresent(join(tmpdir(), 'no-such-postgresql-root'))).toBe(false);
  });
});
