/**
 * Dashboards for the benchmarks and the resilience test: the production build (built first if
 * stale), one or more `next start` processes with an environment of the caller's choosing
 * (DATABASE_URL, REDIS_URL, SYNC_* settings…), all against one emulator this process starts, and
 * signed-in sessions. Without DATABASE_URL each instance keeps its own store in memory, so a run
 * never touches the checkout's ./data.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import type { EmulatorOptions } from '../../emulator/options';
import { type RunningEmulator, startEmulator } from '../../emulator/server';
import { buildIsFresh } from '../../scripts/build-freshness';
import { signIn } from './sign-in';

const root = new URL('../..', import.meta.url).pathname;
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');

export const BENCH_METRICS_TOKEN = 'bench-metrics-token-0123456789';

/**
 * The first of the ports the benchmarks' dashboards listen on (each bench uses a few above it); set
 * BENCH_PORT so that runs on a shared machine keep out of each other's way.
 */
export const BENCH_PORT = Number(process.env.BENCH_PORT || 3900);

export interface DashboardInstance {
  url: string;
  process: ChildProcess;
  /** What it printed to stderr, for a failure message. */
  errors(): string;
}

export interface DashboardFleet {
  emulator: RunningEmulator;
  instances: DashboardInstance[];
  /** `count` separate sessions of the demo user (one cookie header each; valid on every instance). */
  signIn(count: number): Promise<string[]>;
  /** Stops one instance (SIGTERM, as an orchestrator would) and waits until its process is gone. */
  stopInstance(instance: DashboardInstance): Promise<void>;
  stop(): Promise<void>;
}

export function ensureBuild(): void {
  if (buildIsFresh(root)) return;
  const build = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (build.status !== 0) throw new Error('next build failed');
}

async function waitForHealth(instance: DashboardInstance): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    if (instance.process.exitCode !== null) throw new Error(`the dashboard exited:\n${instance.errors()}`);
    try {
      if ((await fetch(`${instance.url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the dashboard did not start:\n${instance.errors()}`);
}

function stopProcess(instance: DashboardInstance): Promise<void> {
  return new Promise<void>((resolve) => {
    if (instance.process.exitCode !== null || instance.process.signalCode !== null) return resolve();
    instance.process.once('exit', () => resolve());
    instance.process.kill('SIGTERM');
  });
}

export async function startFleet(options: {
  ports: number[];
  tasks: number;
  env?: Record<string, string>;
  emulatorPort?: number;
  emulator?: Partial<EmulatorOptions>;
}): Promise<DashboardFleet> {
  ensureBuild();
  const emulator = await startEmulator({
    port: options.emulatorPort ?? 0,
    tasks: options.tasks,
    seed: 7,
    ...options.emulator,
  });
  const instances: DashboardInstance[] = options.ports.map((port) => {
    const stderr: string[] = [];
    // BENCH_SERVER_NODE_ARGS: Node options for the dashboards only, e.g. `--cpu-prof --cpu-prof-dir=/tmp/p`
    // (NODE_OPTIONS refuses --cpu-prof, and would profile the bench and the build too).
    const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const child = spawn(
      process.execPath,
      [...nodeArgs, nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'],
      {
        cwd: root,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: {
          ...process.env,
          NODE_ENV: 'production',
          NEXT_TELEMETRY_DISABLED: '1',
          // Demo mode against this process's emulator, on purpose: `next start` runs with
          // NODE_ENV=production, where start-up refuses demo mode unless asked for.
          DEMO: '1',
          ALIBABA_CLOUD_ACCESS_KEY_ID: '',
          CDN_ENDPOINT: emulator.url,
          EMULATOR_PORT: String(emulator.port),
          AUTH_SECRET: 'bench-only-secret-bench-only-secret-0123456789',
          // The load comes from a handful of sessions; the per-user API limit is not under test.
          API_RATE_LIMIT_PER_MINUTE: '1000000',
          METRICS_TOKEN: BENCH_METRICS_TOKEN,
          LOG_LEVEL: 'warn',
          DATA_DIR: 'memory://',
          DATABASE_URL: '',
          ...options.env,
        },
      },
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr.push(chunk.toString());
      if (stderr.length > 200) stderr.shift();
    });
    return { url: `http://127.0.0.1:${port}`, process: child, errors: () => stderr.join('').slice(-4000) };
  });
  try {
    await Promise.all(instances.map(waitForHealth));
  } catch (error) {
    await Promise.all(instances.map(stopProcess));
    await emulator.close();
    throw error;
  }
  return {
    emulator,
    instances,
    async signIn(count) {
      const first = instances.find((instance) => instance.process.exitCode === null) ?? instances[0];
      if (!first) throw new Error('no instance');
      const cookies: string[] = [];
      for (let i = 0; i < count; i += 1) cookies.push(await signIn(first.url));
      return cookies;
    },
    stopInstance: stopProcess,
    async stop() {
      await Promise.all(instances.map(stopProcess));
      await emulator.close().catch(() => undefined);
    },
  };
}

/** Percentile of a list of numbers (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}
