/**
 * The end-to-end suite runs in two lanes side by side (docs/testing.md, "Two lanes"): a spec in the
 * private lane must not touch the shared dashboard's emulator or session, and no two specs that
 * start private servers may pick the same port offset while running beside each other.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../playwright.config';

const E2E_DIR = join(import.meta.dirname, '..', 'e2e');
const specs = readdirSync(E2E_DIR).filter((name) => name.endsWith('.spec.ts'));
const source = (name: string) => readFileSync(join(E2E_DIR, name), 'utf8');

const privateProject = config.projects?.find((project) => project.name === 'private-servers');
const privateMatch = privateProject?.testMatch as RegExp;
const isPrivate = (name: string) => privateMatch.test(`/e2e/${name}`);

/** `E2E_PORT + n` offsets a spec starts private servers on. */
const offsets = (text: string) => [...text.matchAll(/E2E_PORT \+ (\d+)/g)].map((match) => Number(match[1]));

describe('the two end-to-end lanes', () => {
  it('run one spec at a time each, two at once in all', () => {
    expect(config.workers).toBe(2);
    for (const project of config.projects ?? [])
      if (project.name !== 'setup') expect(project.workers, project.name).toBe(1);
    expect(specs.filter(isPrivate).length).toBeGreaterThanOrEqual(5);
  });

  it.each(specs.filter(isPrivate))('%s leaves the shared emulator and session alone', (name) => {
    const text = source(name);
    expect(text).not.toMatch(/from '\.\/emulator-control'/);
    expect(text).not.toMatch(/OPERATOR_STORAGE_STATE/);
    expect(text).not.toMatch(/\bemulatorUrl\b/);
    // Reading from the shared emulator (a demo-mode private server) is fine; controlling it is not.
    expect(text).not.toMatch(/controlClient\(\s*`http:\/\/127\.0\.0\.1:\$\{E2E_EMULATOR_PORT\}/);
  });

  it.each(specs.filter((name) => source(name).includes('freezeClock()')))(
    '%s lets the shared clock run again after its tests',
    (name) => {
      const afterAll = /test\.afterAll\(async \(\) => \{([^}]*)\}\);/.exec(source(name));
      expect(afterAll?.[1]).toMatch(/await unfreezeClock\(\)/);
    },
  );

  it('give every spec of the shared lane port offsets no private spec uses', () => {
    const privateOffsets = new Map<number, string>();
    for (const name of specs.filter(isPrivate))
      for (const n of offsets(source(name))) privateOffsets.set(n, name);
    for (const name of specs.filter((spec) => !isPrivate(spec)))
      for (const n of offsets(source(name)))
        expect(privateOffsets.get(n), `${name} uses E2E_PORT + ${n}`).toBeUndefined();
  });
});
