/**
 * `npm run bench`: runs every benchmark module that exists in this folder, one after the other,
 * each an exported `bench*` async function that prints its figures and asserts nothing. Name some
 * to run only those: `npm run bench -- load faults`. Set BENCH_PORT to move the dashboards' ports.
 */
import { existsSync } from 'node:fs';
import { stopSyncedFleet } from './support/synced-fleet';

const MODULES = [
  'emulator',
  'store',
  'history',
  'pages',
  'backfill',
  'load',
  'load-history',
  'freshness',
  'ui',
  'faults',
];

const wanted = process.argv.slice(2);
const selected = wanted.length > 0 ? MODULES.filter((name) => wanted.includes(name)) : MODULES;
let failed = false;

try {
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
} finally {
  // The dashboard several benchmarks share (a full store) runs until the last of them is done.
  await stopSyncedFleet();
}
process.exit(failed ? 1 : 0);
