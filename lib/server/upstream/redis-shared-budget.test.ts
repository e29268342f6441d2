/**
 * Two instances, one Redis, one emulator: the budget is per access key, not per instance. Each
 * instance is its own Node process with its own copy of the upstream layer; only REDIS_URL joins
 * them. The emulator's request log is the proof: their combined rate stays within 5 calls/s.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { controlClient } from '@/emulator/control-client';
import { type RunningEmulator, startEmulator } from '@/emulator/server';
import {
  maxCallsInAnySecond,
  type RunningRedis,
  startRedis,
  throttledCalls,
} from '@/lib/testing/upstream-test-support';

let redis: RunningRedis;
let emulator: RunningEmulator;

beforeAll(async () => {
  redis = await startRedis();
  emulator = await startEmulator({ port: 0, tasks: 300, seed: 3 });
});

afterAll(async () => {
  await emulator?.close();
  await redis?.stop();
});

const fixture = fileURLToPath(new URL('./redis-instance.fixture.ts', import.meta.url));

function runInstance(offset: number, calls: number): Promise<{ ok: number; failures: string[]; ms: number }> {
  return new Promise((resolve, reject) => {
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
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{'))
        reject(new Error(`instance failed (${code}): ${err.slice(-2000)}`));
      else resolve(JSON.parse(line));
    });
  });
}

it('two instances sharing Redis stay within 5 DescribeRefreshTasks per second together', async () => {
  const [first, second] = await Promise.all([runInstance(0, 12), runInstance(100, 12)]);
  expect(first?.failures).toEqual([]);
  expect(second?.failures).toEqual([]);

  const log = await controlClient(emulator.url).requests();
  const calls = log.filter((entry) => entry.action === 'DescribeRefreshTasks');
  expect(calls).toHaveLength(24);
  expect(throttledCalls(log)).toEqual([]);
  expect(maxCallsInAnySecond(log, 'DescribeRefreshTasks')).toBeLessThanOrEqual(5);
  // Shared, not split: 24 calls at about 3.6/s take over 6 s, whichever instance made them.
  const times = calls.map((entry) => Date.parse(entry.time));
  expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(5_500);
}, 60_000);
