/**
 * Helpers for the upstream layer's integration tests and benchmarks: a private redis-server, and
 * what an emulator's request log says about the rate the upstream saw.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { controlClient } from '../emulator/control-client';
import { EMULATOR_DEFAULTS } from '../emulator/defaults';
import { sendV3 } from '../emulator/test-signer';

export interface LoggedCall {
  time: string;
  action: string | null;
  status: number;
  code: string | null;
}

/** The most calls of `action` that arrived within any one second (a sliding window). */
export function maxCallsInAnySecond(log: readonly LoggedCall[], action: string): number {
  const times = log
    .filter((entry) => entry.action === action)
    .map((entry) => Date.parse(entry.time))
    .sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  for (let last = 0; last < times.length; last += 1) {
    while ((times[last] ?? 0) - (times[first] ?? 0) >= 1000) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

/**
 * The rate the logged calls arrived at: calls after the first per second from the first to the last
 * (a burst spaced S ms apart gives 1000 / S); 0 for fewer than two calls.
 */
export function callsPerSecond(calls: readonly LoggedCall[]): number {
  const times = calls.map((entry) => Date.parse(entry.time));
  if (times.length < 2) return 0;
  const spanMs = Math.max(...times) - Math.min(...times);
  return spanMs > 0 ? ((times.length - 1) * 1000) / spanMs : Number.POSITIVE_INFINITY;
}

/**
 * A few hand-signed calls (not through the SDK under test), then a second for the emulator's budget
 * to refill: the emulator stands in for a warm upstream, and in a test process its own first
 * requests are slow while its code compiles, which would show up as the client's jitter. The
 * request log is cleared afterwards.
 */
export async function warmEmulator(url: string): Promise<void> {
  for (let i = 0; i < 3; i += 1) {
    await sendV3(url, {
      accessKeyId: EMULATOR_DEFAULTS.accessKeyId,
      accessKeySecret: EMULATOR_DEFAULTS.accessKeySecret,
      params: { PageSize: '5' },
    });
  }
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  await controlClient(url).clearRequests();
}

export function throttledCalls(log: readonly LoggedCall[]): LoggedCall[] {
  return log.filter((entry) => entry.code !== null && /throttl|toomanyrequests/i.test(entry.code));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningRedis {
  url: string;
  stop(): Promise<void>;
}

/** A throwaway redis-server (Debian's package) on a free loopback port, persisting nothing. */
export async function startRedis(): Promise<RunningRedis> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('redis-server did not start')), 10_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`redis-server could not run (apt-get install redis-server): ${error.message}`));
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
