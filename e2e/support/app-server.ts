/**
 * Runs a second, private copy of the dashboard with an environment of the test's choosing, capturing
 * every line it prints: `next start` on the build under test (e2e/support/build-under-test.ts), which
 * reads its configuration from the environment at start.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');

export interface PrivateAppServer {
  url: string;
  distDir: string;
  /** Everything the build and the server wrote to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

function run(args: string[], env: NodeJS.ProcessEnv, sink: string[]): ChildProcess {
  const child = spawn(process.execPath, [nextBin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => sink.push(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => sink.push(chunk.toString('utf8')));
  return child;
}

function exited(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

/**
 * A private server keeps its store in memory unless the test names a DATA_DIR: a store left in the
 * checkout's ./data by an earlier run (or another spec) would be another test's leftover state, and
 * start-up refuses a store that mirrors another account (docs/store-identity.md).
 */
function serverEnv(env: Record<string, string>, distDir: string): NodeJS.ProcessEnv {
  return { ...process.env, DATA_DIR: 'memory://', ...env, NEXT_DIST_DIR: distDir, NODE_ENV: 'production' };
}

/**
 * `next start` of an existing build (by default the one under test, NEXT_DIST_DIR) with the given
 * environment, once it answers /api/health. Starting needs no build of its own: the server reads its
 * configuration from the environment at start.
 */
export async function startOnBuild(options: {
  port: number;
  env: Record<string, string>;
  distDir?: string;
  output?: string[];
}): Promise<PrivateAppServer> {
  const distDir = options.distDir ?? (process.env.NEXT_DIST_DIR || '.next');
  const output = options.output ?? [];
  const server = run(
    ['start', '-p', String(options.port), '-H', '127.0.0.1'],
    serverEnv(options.env, distDir),
    output,
  );
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`next start exited:\n${output.join('').slice(-4000)}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`next start did not answer:\n${output.join('').slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    distDir,
    output: () => output.join(''),
    stop: async () => {
      if (server.exitCode !== null) return;
      server.kill('SIGTERM');
      await Promise.race([exited(server), new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    },
  };
}

/**
 * `next start` of the build under test with an environment it must refuse: resolves with its exit
 * code and everything it printed, once it exits (or after 60 s, when it is killed and the code is null).
 */
export async function startExpectingRefusal(options: {
  port: number;
  env: Record<string, string>;
}): Promise<{ code: number | null; output: string }> {
  const output: string[] = [];
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  const server = run(
    ['start', '-p', String(options.port), '-H', '127.0.0.1'],
    serverEnv(options.env, distDir),
    output,
  );
  const timer = setTimeout(() => server.kill('SIGKILL'), 60_000);
  const code = await new Promise<number | null>((resolve) =>
    server.once('exit', (exitCode) => resolve(exitCode)),
  );
  clearTimeout(timer);
  return { code, output: output.join('') };
}
