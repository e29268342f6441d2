/**
 * A real dashboard for benchmarks: the production build (built first if stale), `next start` on a
 * free port in demo mode against an emulator this process starts, and a signed-in cookie.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { type RunningEmulator, startEmulator } from '../../emulator/server';
import { buildIsFresh } from '../../scripts/build-freshness';

const root = new URL('../..', import.meta.url).pathname;
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');

export interface BenchDashboard {
  url: string;
  emulator: RunningEmulator;
  cookie: string;
  stop(): Promise<void>;
}

async function waitForHealth(url: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (server.exitCode !== null) throw new Error('the dashboard exited during start-up');
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the dashboard did not start');
}

/** Signs in through next-auth's credentials endpoints, as the sign-in page does. */
export async function signIn(url: string, username = 'demo', password = 'demo'): Promise<string> {
  const csrf = await fetch(`${url}/api/auth/csrf`);
  const csrfCookie = (csrf.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ username, password, csrfToken, json: 'true' }),
  });
  const cookies = (response.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]);
  const session = cookies.find((c) => c?.includes('session-token'));
  if (!session) throw new Error(`sign-in failed (HTTP ${response.status})`);
  return [csrfCookie, session].filter(Boolean).join('; ');
}

export async function startBenchDashboard(options: {
  port: number;
  tasks: number;
  seed?: number;
}): Promise<BenchDashboard> {
  if (!buildIsFresh(root)) {
    const build = spawnSync(process.execPath, [nextBin, 'build'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (build.status !== 0) throw new Error('next build failed');
  }
  const emulator = await startEmulator({ port: 0, tasks: options.tasks, seed: options.seed ?? 7 });
  const url = `http://127.0.0.1:${options.port}`;
  const server = spawn(process.execPath, [nextBin, 'start', '-p', String(options.port)], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      ALIBABA_CLOUD_ACCESS_KEY_ID: '',
      CDN_ENDPOINT: emulator.url,
      EMULATOR_PORT: String(emulator.port),
      AUTH_SECRET: 'bench-only-secret-bench-only-secret-0123456789',
    },
  });
  await waitForHealth(url, server);
  const cookie = await signIn(url);
  return {
    url,
    emulator,
    cookie,
    async stop() {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
      await emulator.close();
    },
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
