/**
 * The end-to-end suite's production build, made once per change of the sources and shared by every
 * spec: `npm start` in playwright.config.ts's webServer serves it, and the private servers of the
 * private lane run `next start` on it (e2e/support/app-server.ts). It is built with the sentinel
 * secrets in its environment and its log kept beside it (e2e/support/sentinels.ts), so the secrets
 * spec can search this very build for them instead of making a second one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildIsFresh } from '../../scripts/build-freshness';
import { distDirOf, SENTINEL_BUILD_FILES, SENTINELS, sentinelFingerprint } from './sentinels';

const root = new URL('../..', import.meta.url).pathname;
const distDir = distDirOf(root);
const marker = join(distDir, SENTINEL_BUILD_FILES.marker);

/** The marker is written after the build it speaks for: a later build (`npm start`'s) leaves it older. */
const madeWithSentinels = () =>
  existsSync(marker) &&
  readFileSync(marker, 'utf8') === sentinelFingerprint() &&
  statSync(marker).mtimeMs >= statSync(join(distDir, 'BUILD_ID')).mtimeMs;
if (buildIsFresh(root) && madeWithSentinels()) {
  console.log('[e2e] the build under test is up to date');
  process.exit(0);
}

console.log('[e2e] building the dashboard under test, with sentinel secrets in its environment…');
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
const build = spawnSync(process.execPath, [nextBin, 'build'], {
  cwd: root,
  env: {
    ...process.env,
    ...SENTINELS,
    // Nowhere to call at build time: a build that tried would fail here rather than reach a cloud.
    CDN_ENDPOINT: 'http://127.0.0.1:9',
    STS_ENDPOINT: 'http://127.0.0.1:9',
    NODE_ENV: 'production',
  },
  encoding: 'utf8',
  maxBuffer: 256 * 1024 * 1024,
});
const output = `${build.stdout ?? ''}${build.stderr ?? ''}`;
if (build.status !== 0) {
  console.error(output.slice(-20_000));
  console.error(`[e2e] next build failed (${build.status ?? build.signal})`);
  process.exit(1);
}
writeFileSync(join(distDir, SENTINEL_BUILD_FILES.log), output);
writeFileSync(marker, sentinelFingerprint());
