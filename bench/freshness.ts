/**
 * Freshness: tasks submitted upstream through the official SDK (RefreshObjectCaches, as the console
 * or a script would) at random moments, and how long each takes to show in /api/tasks for the last
 * 15 minutes, polled every 250 ms. Twice: a reader of `to=now`, which lets the sync poll the head on
 * demand (every 2 s at most), and a reader of an absolute end, which leaves it to the sync's own
 * head interval. Default sync settings. Prints; asserts nothing.
 */
import CdnModule, * as $Cdn from '@alicloud/cdn20180510';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { EMULATOR_DEFAULTS } from '../emulator/defaults';
import { percentile } from './support/dashboard-instances';
import { heading, printTable } from './support/report';
import { syncedFleet } from './support/synced-fleet';

const TASKS = Number(process.env.BENCH_FRESHNESS_TASKS || 12);
const SPREAD_S = Number(process.env.BENCH_FRESHNESS_SECONDS || 30);
const POLL_MS = 250;
const GIVE_UP_MS = 60_000;

const Cdn = ((CdnModule as unknown as { default?: typeof CdnModule }).default ??
  CdnModule) as typeof CdnModule;

interface Reader {
  label: string;
  search: () => string;
}

const READERS: Reader[] = [
  { label: 'to=now (asks for the head)', search: () => 'from=now-15m&size=100' },
  // Clamped to now by the server, but not `now`, so it never asks the sync for a head poll.
  {
    label: 'absolute end (head interval only)',
    search: () => 'from=now-15m&to=2099-01-01T00:00:00Z&size=100',
  },
];

/** Submits TASKS refreshes at random moments over SPREAD_S seconds; resolves each id's lag in ms. */
async function measure(url: string, cookie: string, client: InstanceType<typeof Cdn>, reader: Reader) {
  const submitted = new Map<string, number>();
  const seenAfter = new Map<string, number>();
  let submittedAllAt = Number.POSITIVE_INFINITY;

  const poller = (async () => {
    for (;;) {
      const pending = [...submitted.keys()].some((id) => !seenAfter.has(id));
      if (submittedAllAt !== Number.POSITIVE_INFINITY && !pending) return;
      if (Date.now() - submittedAllAt > GIVE_UP_MS) return;
      const response = await fetch(`${url}/api/tasks?${reader.search()}`, { headers: { cookie } });
      const body = (await response.json()) as { tasks?: Array<{ taskId: string }> };
      // Shown when the reader has the answer in hand: the whole way, store read and HTTP included.
      const shownAt = Date.now();
      for (const task of body.tasks ?? []) {
        const at = submitted.get(task.taskId);
        if (at !== undefined && !seenAfter.has(task.taskId)) seenAfter.set(task.taskId, shownAt - at);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  })();

  const moments = Array.from({ length: TASKS }, () => Math.random() * SPREAD_S * 1000).sort((a, b) => a - b);
  const started = Date.now();
  for (const [index, moment] of moments.entries()) {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + moment - Date.now())));
    const objectPath = `https://img.shop-example.com/bench/fresh-${started}-${index}.jpg`;
    const answer = await client.refreshObjectCaches(
      new $Cdn.RefreshObjectCachesRequest({ objectPath, objectType: 'File' }),
    );
    const id = answer.body?.refreshTaskId;
    if (id) submitted.set(id, Date.now());
  }
  submittedAllAt = Date.now();
  await poller;
  const lags = [...seenAfter.values()].map((ms) => Math.max(0, ms));
  return { lags, missing: submitted.size - seenAfter.size };
}

export async function benchFreshness(): Promise<void> {
  const { fleet, instance, cookie } = await syncedFleet();
  const client = new Cdn(
    new $OpenApiUtil.Config({
      accessKeyId: EMULATOR_DEFAULTS.accessKeyId,
      accessKeySecret: EMULATOR_DEFAULTS.accessKeySecret,
      endpoint: `127.0.0.1:${fleet.emulator.port}`,
      protocol: 'HTTP',
    }),
  );
  const rows: Array<Array<string | number>> = [];
  for (const reader of READERS) {
    const { lags, missing } = await measure(instance.url, cookie, client, reader);
    rows.push([
      reader.label,
      lags.length,
      (percentile(lags, 50) / 1000).toFixed(1),
      (percentile(lags, 95) / 1000).toFixed(1),
      (Math.max(0, ...lags) / 1000).toFixed(1),
      missing,
      'p95 ≤10 s',
    ]);
  }
  heading(
    `Freshness: ${TASKS} tasks submitted through the SDK over ${SPREAD_S} s, until shown in /api/tasks (default sync settings)`,
  );
  printTable(['reader', 'tasks', 'p50 s', 'p95 s', 'max s', 'not shown in 60 s', 'target'], rows);
}
