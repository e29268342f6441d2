/**
 * Fault matrix: each of the emulator's faults in turn for a few seconds, against the dashboard the
 * benchmarks share (its store synced, default sync settings). For each: what /api/tasks answered
 * meanwhile (from the store) and how fast, what /api/sync told operators (lastError), whether the
 * process stayed up, and how long after the fault stopped the sync matched the upstream again (a
 * head poll after that moment, lastError cleared). Runs last: it ends by restarting the emulator.
 * Asserts nothing.
 */
import type { FaultInput } from '../emulator/control-client';
import { controlClient } from '../emulator/control-client';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { percentile } from './support/dashboard-instances';
import { syncStatusOf } from './support/instance-probes';
import { heading, printTable } from './support/report';
import { SYNCED_TASKS, syncedFleet } from './support/synced-fleet';

const FAULT_MS = 8_000;
const RECOVERY_GIVE_UP_MS = 60_000;

const CASES: Array<{ name: string; fault: FaultInput | 'down' }> = [
  { name: '20 % InternalError', fault: { errors: [{ code: 'InternalError', rate: 0.2 }] } },
  { name: 'throttling (429)', fault: { throttling: { force: true, shape: '429' } } },
  { name: 'throttling (503)', fault: { throttling: { force: true, shape: '503' } } },
  { name: 'ServiceUnavailable', fault: { errors: [{ code: 'ServiceUnavailable', rate: 1 }] } },
  { name: '5 s latency', fault: { latency: { fixedMs: 5_000 } } },
  { name: 'malformed JSON', fault: { malformedJson: {} } },
  { name: 'connection resets', fault: { connectionReset: {} } },
  { name: 'upstream down', fault: 'down' },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function benchFaults(): Promise<void> {
  const { fleet, instance, cookie } = await syncedFleet();
  let emulator: RunningEmulator = fleet.emulator;
  let page = 0;
  const rows: Array<Array<string | number>> = [];
  try {
    for (const { name, fault } of CASES) {
      if (fault === 'down') await emulator.close();
      else await controlClient(emulator.url).setFaults(fault);
      const faultAt = Date.now();
      const answers: Array<{ status: number; ms: number }> = [];
      const errors = new Set<string>();
      while (Date.now() - faultAt < FAULT_MS) {
        const started = performance.now();
        const response = await fetch(`${instance.url}/api/tasks?size=20&page=${(page++ % 50) + 1}`, {
          headers: { cookie },
        });
        await response.arrayBuffer();
        answers.push({ status: response.status, ms: performance.now() - started });
        const lastError = (await syncStatusOf(instance.url, cookie)).detail?.lastError;
        if (lastError) errors.add(lastError.split(':')[0] ?? lastError);
        await sleep(500);
      }
      const up = (await fetch(`${instance.url}/api/health`)).ok;

      if (fault === 'down')
        emulator = await startEmulator({ port: emulator.port, tasks: SYNCED_TASKS, seed: 7 });
      else await controlClient(emulator.url).clearFaults();
      const clearedAt = Date.now();
      let recovered = `no (${RECOVERY_GIVE_UP_MS / 1000} s)`;
      while (Date.now() - clearedAt < RECOVERY_GIVE_UP_MS) {
        const status = await syncStatusOf(instance.url, cookie);
        if (status.detail?.lastError === null && Date.parse(status.syncedAt ?? '') > clearedAt) {
          recovered = `${((Date.now() - clearedAt) / 1000).toFixed(1)} s`;
          break;
        }
        await sleep(250);
      }

      const tally = new Map<number, number>();
      for (const answer of answers) tally.set(answer.status, (tally.get(answer.status) ?? 0) + 1);
      const times = answers.map((answer) => answer.ms);
      rows.push([
        name,
        [...tally.entries()].map(([status, count]) => `${count}×${status}`).join(' '),
        percentile(times, 50).toFixed(0),
        Math.max(...times).toFixed(0),
        [...errors].join(', ') || '—',
        up ? 'yes' : 'NO',
        recovered,
      ]);
    }
  } finally {
    if (emulator !== fleet.emulator) await emulator.close().catch(() => undefined);
  }
  heading(`Fault matrix: each fault for ${FAULT_MS / 1000} s, /api/tasks every ~0.5 s (from the store)`);
  printTable(
    ['fault', '/api/tasks', 'p50 ms', 'max ms', '/api/sync lastError', 'up', 'synced again after'],
    rows,
  );
}
