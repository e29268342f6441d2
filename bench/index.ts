/**
 * `npm run bench`: runs every benchmark module that exists in this folder, one after the other,
 * each an exported `bench*` async function that prints its figures and asserts nothing. Name some
 * to run only those: `npm run bench -- load faults`.
 */
import { existsSync } from 'node:fs';

const MODULES = ['emulator', 'summary', 'ui', 'load', 'faults'];

const wanted = process.argv.slice(2);
const selected = wanted.length > 0 ? MODULES.filter((name) => wanted.includes(name)) : MODULES;
let failed = false;

for (const name of selected) {
  const file = new URL(`./${name}.ts`, import.meta.url);
  if (!existsSync(file)) continue;
  const module = (await import(file.href)) as Record<string, unknown>;
  for (const [exported, value] of Object.entries(module)) {
    if (!exported.startsWith('bench') || typeof value !== 'function') continue;
    try {
      await (value as () => Promise<void>)();
    } catch (error) {
      // One broken benchmark should not hide the others' figures.
      failed = true;
      console.error(
        `\n${name}: ${exported} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
process.exit(failed ? 1 : 0);
