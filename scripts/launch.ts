/**
 * `npm start` / `npm run dev`: one command for the whole dashboard. Without cloud credentials, where
 * demo mode is allowed (lib/node/auth-startup.ts), it starts the CDN OpenAPI emulator in this process
 * (demo mode); then it builds Next.js if the build
 * is missing or older than the sources, and runs the server as a child. Ctrl-C (or SIGTERM) stops
 * both, and the child is never left behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { EMULATOR_DEFAULTS } from '../emulator/defaults';
import { optionsFromEnv } from '../emulator/env-options';
import { startEmulator } from '../emulator/server';
import { checkAuthStartup } from '../lib/node/auth-startup';
import { buildIsFresh } from './build-freshness';
import { demoWorld } from './demo-world';

type Mode = 'start' | 'dev';

const root = new URL('..', import.meta.url).pathname;
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
const startedAt = Date.now();

function log(message: string): void {
  console.log(`[launch] ${message}`);
}

function runNext(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [nextBin, ...args], { cwd: root, env, stdio: 'inherit' });
}

function waitForExit(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

async function main(mode: Mode): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  const port = env.PORT || '3000';
  let stopEmulator: (() => Promise<void>) | null = null;
  let child: ChildProcess | null = null;
  let stopping = false;

  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await Promise.race([waitForExit(child), new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await stopEmulator?.();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGHUP', () => void stop(0));

  // Demo or live, and whether this environment may start at all (lib/node/auth-startup.ts).
  const startup = await checkAuthStartup(env);
  if (startup.problems.length > 0) {
    for (const problem of startup.problems) console.error(`[launch] ${problem}`);
    process.exit(1);
  }
  if (startup.generatedSecret) log('demo mode: generated a session key (AUTH_SECRET) for this run');

  if (startup.mode === 'demo') {
    // The demo shows every kind of row the upstream reports (block/unblock, Timeout, Canceled)
    // unless EMULATOR_EXTENDED_KINDS=0 says otherwise.
    const options = { extendedKinds: true, ...optionsFromEnv(env) };
    const seed = options.seed ?? EMULATOR_DEFAULTS.seed;
    const tasks = options.tasks ?? EMULATOR_DEFAULTS.tasks;
    const world = demoWorld(
      env.DATA_DIR?.trim() || './data',
      { seed, tasks, extendedKinds: options.extendedKinds },
      Date.now(),
    );
    const emulator = await startEmulator({
      ...options,
      port: options.port ?? EMULATOR_DEFAULTS.port,
      seed,
      tasks,
      startInstant: world.startInstant,
    });
    stopEmulator = () => emulator.close();
    env.CDN_ENDPOINT ||= emulator.url;
    env.EMULATOR_PORT = String(emulator.port);
    // Checked above; the server (which runs with NODE_ENV=production) is told it is meant.
    env.DEMO = '1';
    log(`demo mode: CDN OpenAPI emulator on ${emulator.url}`);
    log(
      world.reused
        ? 'demo mode: the same emulated world as last time; the store resumes its sync'
        : 'demo mode: a new emulated world; the store syncs it from scratch',
    );
  } else {
    log(`live mode: calling ${env.CDN_ENDPOINT || 'https://cdn.aliyuncs.com'}`);
  }

  if (mode === 'start' && !buildIsFresh(root)) {
    log('building the dashboard (first start, or sources changed)…');
    child = runNext(['build'], { ...env, NODE_ENV: 'production' });
    const code = await waitForExit(child);
    child = null;
    if (code !== 0 || stopping) return stop(code || 1);
  }

  child = runNext(mode === 'dev' ? ['dev', '-p', port] : ['start', '-p', port], env);
  child.on('exit', (code) => void stop(code ?? 0));
  log(
    `dashboard on http://localhost:${port} (ready in about ${((Date.now() - startedAt) / 1000).toFixed(1)} s + server start)`,
  );
}

const mode = process.argv[2];
if (mode !== 'start' && mode !== 'dev') {
  console.error('usage: tsx scripts/launch.ts start|dev');
  process.exit(2);
}
main(mode).catch((error: unknown) => {
  console.error(`[launch] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
