/**
 * Fault matrix: each of the emulator's faults in turn, against a real dashboard. For each, what the
 * dashboard answered (statuses, the upstream code in the error body), how fast, whether it stayed
 * up (/api/health), and how long after the fault stopped it answered 200 again. Asserts nothing.
 */
import type { FaultInput } from '../emulator/control-client';
import { startEmulator } from '../emulator/server';
import { freePort } from '../lib/testing/upstream-test-support';
import { percentile, startFleet } from './support/dashboard-instances';

const REQUESTS_PER_FAULT = 6;

interface Case {
  name: string;
  fault: FaultInput | 'down';
}

const CASES: Case[] = [
  { name: '20 % InternalError', fault: { errors: [{ code: 'InternalError', rate: 0.2 }] } },
  { name: 'throttling burst 400', fault: { throttling: { force: true, shape: '400', times: 40 } } },
  { name: 'throttling burst 429', fault: { throttling: { force: true, shape: '429', times: 40 } } },
  { name: 'throttling burst 503', fault: { throttling: { force: true, shape: '503', times: 40 } } },
  { name: '5 s latency', fault: { latency: { fixedMs: 5_000 } } },
  { name: 'malformed JSON', fault: { malformedJson: {} } },
  { name: 'connection resets', fault: { connectionReset: {} } },
  { name: 'upstream down', fault: 'down' },
];

let page = 0;

async function ask(url: string, cookie: string): Promise<{ status: number; code: string; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${url}/api/tasks?type=file&size=20&page=${++page}`, { headers: { cookie } });
  const body = (await response.json()) as { error?: { upstream?: { code?: string }; code?: string } };
  const code = response.ok ? 'OK' : (body.error?.upstream?.code ?? body.error?.code ?? '?');
  return { status: response.status, code, ms: performance.now() - started };
}

export async function benchFaults(): Promise<void> {
  console.log('\n## Fault matrix (GET /api/tasks, a fresh query each time; upstream = emulator)');
  const emulatorPort = await freePort();
  const fleet = await startFleet({ ports: [3930], tasks: 1000, emulatorPort });
  let emulator = fleet.emulator;
  const [instance] = fleet.instances;
  if (!instance) throw new Error('no instance');
  const [cookie = ''] = await fleet.signIn(1);
  const control = (path: string, body?: unknown) =>
    fetch(`${emulator.url}/__emulator/${path}`, {
      method: body === undefined ? 'DELETE' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  console.log(
    `${'fault'.padEnd(22)} ${'answers'.padEnd(30)} ${'p50 ms'.padStart(7)} ${'max ms'.padStart(7)}  up  recovered`,
  );
  try {
    for (const { name, fault } of CASES) {
      if (fault === 'down') await emulator.close();
      else await control('faults', fault);
      const answers = [];
      for (let i = 0; i < REQUESTS_PER_FAULT; i += 1) answers.push(await ask(instance.url, cookie));
      const up = (await fetch(`${instance.url}/api/health`)).ok;

      if (fault === 'down') emulator = await startEmulator({ port: emulatorPort, tasks: 1000, seed: 7 });
      else await control('faults');
      const stoppedAt = performance.now();
      let recovered = 'no (30 s)';
      while (performance.now() - stoppedAt < 30_000) {
        if ((await ask(instance.url, cookie)).status === 200) {
          recovered = `${((performance.now() - stoppedAt) / 1000).toFixed(1)} s`;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }

      const tally = new Map<string, number>();
      for (const answer of answers) {
        const key = `${answer.status} ${answer.code}`;
        tally.set(key, (tally.get(key) ?? 0) + 1);
      }
      const summary = [...tally.entries()].map(([key, count]) => `${count}×${key}`).join(', ');
      const times = answers.map((answer) => answer.ms);
      console.log(
        [
          name.padEnd(22),
          summary.padEnd(30),
          percentile(times, 50).toFixed(0).padStart(7),
          Math.max(...times)
            .toFixed(0)
            .padStart(7),
          ` ${up ? 'yes' : 'NO '}`,
          ` ${recovered}`,
        ].join(' '),
      );
    }
  } finally {
    await fleet.stop().catch(() => undefined);
    await emulator.close().catch(() => undefined);
  }
}
