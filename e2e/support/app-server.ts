/**
 * Builds and runs a second, private copy of the dashboard with an environment of the test's choosing
 * (the secrets test gives it sentinel credentials), capturing every line it prints. Uses its own
 * build directory beside NEXT_DIST_DIR, so it never touches the build under test.
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

export async function buildAndStart(options: {
  port: number;
  env: Record<string, string>;
  distDirSuffix: string;
}): Promise<PrivateAppServer> {
  const distDir = `${process.env.NEXT_DIST_DIR || '.next'}-${options.distDirSuffix}`;
  const output: string[] = [];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    NEXT_DIST_DIR: distDir,
    NODE_ENV: 'production',
  };
  const build = run(['build'], env, output);
  const code = await exited(build);
  if (code !== 0) throw new Error(`next build failed (${code}):\n${output.join('').slice(-4000)}`);

  const server = run(['start', '-p', String(options.port), '-H', '127.0.0.1'], env, output);
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
