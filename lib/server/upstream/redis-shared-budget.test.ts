/**
 * Two instances, one Redis, one emulator: the budget is per access key, not per instance. Each
 * instance is its own Node process with its own copy of the upstream layer; only REDIS_URL joins
 * them. The emulator's request log is the proof: their combined rate stays within 5 calls/s, and
 * still uses most of it.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { controlClient } from '@/emulator/control-client';
import { type RunningEmulator, startEmulator } from '@/emulator/server';
import {
  callsPerSecond,
  maxCallsInAnySecond,
  type RunningRedis,
  startRedis,
  throttledCalls,
  warmEmulator,
} from '@/testing/upstream-test-support';

let redis: RunningRedis;
let emulator: RunningEmulator;

beforeAll(async () => {
  redis = await startRedis();
  emulator = await startEmulator({ port: 0, tasks: 300, seed: 3 });
  await warmEmulator(emulator.url);
});

afterAll(async () => {
  await emulator?.close();
  await redis?.stop();
});

const fixture = fileURLToPath(new URL('./redis-instance.fixture.ts', import.meta.url));

interface Instance {
  /** Resolves once the instance has loaded and connected to Redis. */
  ready: Promise<void>;
  /** Starts its burst; resolves with how it went. */
  go(): Promise<{ ok: number; failures: string[]; ms: number }>;
}

function startInstance(offset: number, calls: number): Instance {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', fixture], {
    cwd: fileURLToPath(new URL('../../..', import.meta.url)),
    env: {
      ...process.env,
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: 'redis-test',
      CDN_ENDPOINT: emulator.url,
      ALIBABA_CLOUD_ACCESS_KEY_ID: '',
      LOG_LEVEL: 'silent',
      WORKER_CALLS: String(calls),
      WORKER_OFFSET: String(offset),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.split('\n').includes('ready')) markReady();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<{ ok: number; failures: string[]; ms: number }>((resolve, reject) => {
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{'))
        reject(new Error(`instance failed (${code}): ${err.slice(-2000)}`));
      else resolve(JSON.parse(line));
    });
  });
  return {
    // An instance that dies while loading fails the test instead of leaving it waiting for `ready`.
    ready: Promise.race([ready, exited.then(() => undefined)]),
    go() {
      child.stdin.end('go\n');
      return exited;
    },
  };
}

it('two instances sharing Redis stay within 5 DescribeRefreshTasks per second together, and use over 4', async () => {
  const instances = [startInstance(0, 20), startInstance(100, 20)];
  await Promise.all(instances.map((instance) => instance.ready));
  const [first, second] = await Promise.all(instances.map((instance) => instance.go()));
  expect(first?.failures).toEqual([]);
  expect(second?.failures).toEqual([]);

  const log = await controlClient(emulator.url).requests();
  const calls = log.filter((entry) => entry.action === 'DescribeRefreshTasks');
  expect(calls).toHaveLength(40);
  expect(throttledCalls(log)).toEqual([]);
  expect(maxCallsInAnySecond(log, 'DescribeRefreshTasks')).toBeLessThanOrEqual(5);
  // Shared, not split: two budgets of their own would go at twice the rate (9/s).
  expect(callsPerSecond(calls)).toBeLessThanOrEqual(5);
  // …and used: turns 220 ms apart are 4.5 calls/s, whichever instance took them.
  expect(callsPerSecond(calls)).toBeGreaterThanOrEqual(4);
}, 60_000);
