import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What a production build is made from: when any of it is newer than the build, build again. */
const BUILD_INPUTS = [
  'app',
  'components',
  'lib',
  'public',
  'emulator/defaults.ts',
  'next.config.js',
  'proxy.ts',
  'instrumentation.ts',
  'tailwind.config.ts',
  'postcss.config.mjs',
  'tsconfig.json',
  'package-lock.json',
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function buildIsFresh(root: string): boolean {
  const buildId = join(root, process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return false;
  const builtAt = statSync(buildId).mtimeMs;
  return BUILD_INPUTS.every((input) => newestMtime(join(root, input)) <= builtAt);
}
