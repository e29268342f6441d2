/**
 * Emulator benchmark: how long a page of 100 out of 100,000 tasks takes (the action alone, and over
 * HTTP with signature verification), and what 100,000 tasks cost in memory; then start-up time and
 * page latency at 5,000 tasks and at a busy account's 300,000 (`EMULATOR_TASKS=300000`, 100,000 a
 * day), started as `npm run emulator` starts it. Prints; asserts nothing.
 */
import { describeRefreshTasks } from '@/emulator/action-describe-refresh-tasks';
import { ActionParams } from '@/emulator/action-params';
import { EmulatorClock } from '@/emulator/clock';
import { EMULATOR_DEFAULTS } from '@/emulator/defaults';
import { startEmulator } from '@/emulator/server';
import { EmulatorState } from '@/emulator/state';
import { sendV3 } from '@/emulator/test-signer';
import { formatUtcSeconds, HOUR } from '@/emulator/utc-time';
import { machineLoad } from './support/report';

const TASKS = 100_000;
const DIRECT_RUNS = 300;
const HTTP_RUNS = 100;

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function timeMs(run: () => unknown, times: number): number {
  for (let i = 0; i < 20; i++) run(); // warm-up: let V8 optimise the scan before measuring it
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Page-of-100 queries worth measuring: no filter, deep page, the typical dashboard filter, a window. */
function cases(now: number): [string, Record<string, string>][] {
  return [
    ['no filter, page 1', { PageSize: '100' }],
    ['no filter, page 500', { PageSize: '100', PageNumber: '500' }],
    [
      'file + Failed + domain',
      { PageSize: '100', ObjectType: 'file', Status: 'Failed', DomainName: 'img.shop-example.com' },
    ],
    [
      'preload, 6-hour window',
      {
        PageSize: '100',
        ObjectType: 'preload',
        StartTime: formatUtcSeconds(now - 8 * HOUR),
        EndTime: formatUtcSeconds(now - 2 * HOUR),
      },
    ],
  ];
}

export async function benchEmulator(): Promise<void> {
  const now = Date.now();
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  const state = new EmulatorState(
    new EmulatorClock(() => now),
    { seed: EMULATOR_DEFAULTS.seed, tasks: TASKS, startInstant: now },
    { rateLimits: 'off', throttleShape: '400' },
  );
  gc?.();
  const after = process.memoryUsage();
  console.log(`\n## Emulator — ${machineLoad()}`);
  console.log(`emulator: ${TASKS} tasks (+${state.dataset.table.length - TASKS} future arrivals) generated`);
  console.log(
    `  memory: heapUsed +${mb(after.heapUsed - before.heapUsed)}, rss +${mb(after.rss - before.rss)}${gc ? '' : ' (run with --expose-gc for steadier figures)'}`,
  );

  console.log(`  DescribeRefreshTasks handler, median of ${DIRECT_RUNS}:`);
  for (const [name, params] of cases(now)) {
    const values = new ActionParams(new Map(Object.entries(params)));
    const ms = timeMs(
      () =>
        describeRefreshTasks({
          params: values,
          state,
          accessKeyId: 'bench',
          accountId: EMULATOR_DEFAULTS.accountId,
          now,
        }),
      DIRECT_RUNS,
    );
    console.log(`    ${name.padEnd(26)} ${ms.toFixed(3)} ms`);
  }

  const emulator = await startEmulator({
    port: 0,
    tasks: TASKS,
    rateLimits: 'off',
    now: () => now,
    startInstant: now,
  });
  try {
    const keys = {
      accessKeyId: EMULATOR_DEFAULTS.accessKeyId,
      accessKeySecret: EMULATOR_DEFAULTS.accessKeySecret,
    };
    console.log(`  over HTTP (signed V3, verified), median of ${HTTP_RUNS}:`);
    for (const [name, params] of cases(now)) {
      const samples: number[] = [];
      for (let i = 0; i < HTTP_RUNS + 10; i++) {
        const started = performance.now();
        const answer = await sendV3(emulator.url, { ...keys, params });
        if (answer.status !== 200) throw new Error(`bench call failed: ${JSON.stringify(answer.body)}`);
        if (i >= 10) samples.push(performance.now() - started);
      }
      console.log(`    ${name.padEnd(26)} ${median(samples).toFixed(3)} ms`);
    }
  } finally {
    await emulator.close();
  }
}

/** The sizes compared: the default, and a busy account's 3 days. */
const SCALES = [5_000, 300_000];

/** What the sync and the dashboard ask most: a whole window, deep in it, a head poll, a filtered view. */
function scaleCases(now: number): [string, Record<string, string>][] {
  const window = {
    StartTime: formatUtcSeconds(now - 3 * 24 * HOUR + 60_000),
    EndTime: formatUtcSeconds(now),
  };
  return [
    ['3 days, page 1', { ...window, PageSize: '100' }],
    ['3 days, page 40', { ...window, PageSize: '100', PageNumber: '40' }],
    [
      'head poll (last 2 min)',
      { StartTime: formatUtcSeconds(now - 120_000), EndTime: formatUtcSeconds(now), PageSize: '100' },
    ],
    ['file + Failed, 3 days', { ...window, PageSize: '100', ObjectType: 'file', Status: 'Failed' }],
  ];
}

export async function benchEmulatorScale(): Promise<void> {
  const now = Date.now();
  const keys = {
    accessKeyId: EMULATOR_DEFAULTS.accessKeyId,
    accessKeySecret: EMULATOR_DEFAULTS.accessKeySecret,
  };
  console.log(
    `\n## Emulator at scale: start-up and a page over HTTP (median of ${HTTP_RUNS}) — ${machineLoad()}`,
  );
  for (const tasks of SCALES) {
    const started = performance.now();
    // As `npm run emulator` starts it: every kind of row.
    const emulator = await startEmulator({
      port: 0,
      tasks,
      extendedKinds: true,
      rateLimits: 'off',
      now: () => now,
      startInstant: now,
    });
    const startMs = performance.now() - started;
    try {
      console.log(`  ${tasks} tasks: listening after ${startMs.toFixed(0)} ms`);
      for (const [name, params] of scaleCases(now)) {
        const samples: number[] = [];
        for (let i = 0; i < HTTP_RUNS + 10; i++) {
          const sent = performance.now();
          const answer = await sendV3(emulator.url, { ...keys, params });
          if (answer.status !== 200) throw new Error(`bench call failed: ${JSON.stringify(answer.body)}`);
          if (i >= 10) samples.push(performance.now() - sent);
        }
        console.log(`    ${name.padEnd(26)} ${median(samples).toFixed(3)} ms`);
      }
    } finally {
      await emulator.close();
    }
  }
}

// Runnable alone too: `npx tsx bench/emulator.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  await benchEmulator();
  await benchEmulatorScale();
}
