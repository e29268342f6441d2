/**
 * Load on a month of a busy account: one dashboard (the production build) whose PGlite store holds
 * 300,000 tasks over 30 days — 27 days × 10,000 filled by the database (history.ts's fillDay, count
 * cells kept by their triggers) and the newest 3 days (30,000) synced from the emulator — while the
 * data changes: tasks are submitted upstream every few seconds, which the sync's head poll brings in
 * and its follow re-reads until they end. Then, each BENCH_LOAD_HISTORY_REPEATS (2) times:
 *
 * - viewers: 20 sessions, each re-reading a 30-day view (its list, summary and triage, together, as
 *   the page does) every 10 s for BENCH_LOAD_HISTORY_SECONDS (60): p50/p95 per route, 5xx;
 * - ceiling: 20 connections with no pause on /api/health, then on the same three routes in turn:
 *   requests/s of each, the second against half the first; and the server's CPU time per answer in
 *   each (steadier than requests/s on a machine shared with other work).
 *
 * Prints; asserts nothing.
 */
import CdnModule, * as $Cdn from '@alicloud/cdn20180510';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { EMULATOR_DEFAULTS } from '../emulator/defaults';
import { fillDay } from './history';
import { watchBackfill } from './support/backfill-watch';
import { BENCH_PORT, type DashboardInstance, percentile, startFleet } from './support/dashboard-instances';
import { syncStatusOf, upstreamCalls } from './support/instance-probes';
import { prepareStore } from './support/prepared-store';
import { processCpuMs } from './support/process-cpu';
import { heading, ms, printTable } from './support/report';

const VIEWERS = 20;
const EVERY_MS = 10_000;
const SECONDS = Number(process.env.BENCH_LOAD_HISTORY_SECONDS || 60);
const CEILING_S = Number(process.env.BENCH_LOAD_HISTORY_CEILING_SECONDS || 20);
const REPEATS = Number(process.env.BENCH_LOAD_HISTORY_REPEATS || 2);
/** Days 3 to 29 filled by the bench; the newest 3 are the emulator's, synced. */
const FILLED_DAYS = { from: 3, to: 30 };
const PER_DAY = 10_000;
const EMULATOR_TASKS = 30_000;
/** One submission of 1 to 5 URLs this often: rows change every few seconds. */
const SUBMIT_EVERY_MS = 3_000;

const ROUTES = [
  { label: 'list', path: '/api/tasks?from=now-30d' },
  { label: 'summary', path: '/api/tasks/summary?from=now-30d' },
  { label: 'triage', path: '/api/triage?from=now-30d' },
];

const Cdn = ((CdnModule as unknown as { default?: typeof CdnModule }).default ??
  CdnModule) as typeof CdnModule;

/** Every answer of one route: its time (whole answer read) and status (0: no answer). */
class Samples {
  readonly ms: number[] = [];
  readonly statuses = new Map<number, number>();

  async fetch(url: string, cookie: string): Promise<void> {
    const started = performance.now();
    let status = 0;
    try {
      const response = await fetch(url, { headers: { cookie } });
      await response.arrayBuffer();
      status = response.status;
    } catch {
      // counted as status 0
    }
    this.ms.push(performance.now() - started);
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }

  count(test: (status: number) => boolean): number {
    let n = 0;
    for (const [status, times] of this.statuses) if (test(status)) n += times;
    return n;
  }

  codes(): string {
    return [...this.statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([code, count]) => `${code}:${count}`)
      .join(' ');
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Each viewer re-reads the three routes together every 10 s, the viewers spread over the 10 s. */
async function viewers(url: string, cookies: string[], seconds: number): Promise<Map<string, Samples>> {
  const samples = new Map(ROUTES.map((route) => [route.label, new Samples()]));
  const endAt = Date.now() + seconds * 1000;
  await Promise.all(
    cookies.map(async (cookie, index) => {
      await sleep((index * EVERY_MS) / cookies.length);
      while (Date.now() < endAt) {
        const tickAt = Date.now();
        await Promise.all(
          ROUTES.map((route) => samples.get(route.label)?.fetch(`${url}${route.path}`, cookie)),
        );
        await sleep(tickAt + EVERY_MS - Date.now());
      }
    }),
  );
  return samples;
}

/** `connections` loops with no pause over `paths` in turn; requests/s and the samples per path. */
async function closedLoop(
  url: string,
  cookies: string[],
  paths: string[],
  seconds: number,
): Promise<{ perSecond: number; samples: Map<string, Samples> }> {
  const samples = new Map(paths.map((path) => [path, new Samples()]));
  const started = Date.now();
  const endAt = started + seconds * 1000;
  let done = 0;
  await Promise.all(
    cookies.map(async (cookie, index) => {
      for (let i = index; Date.now() < endAt; i += 1) {
        const path = paths[i % paths.length] as string;
        await samples.get(path)?.fetch(`${url}${path}`, cookie);
        done += 1;
      }
    }),
  );
  return { perSecond: (done * 1000) / (Date.now() - started), samples };
}

/** Submits 1 to 5 URLs upstream every few seconds until stopped; how many it submitted. */
function submitter(emulatorPort: number): { stop: () => Promise<number> } {
  const client = new Cdn(
    new $OpenApiUtil.Config({
      accessKeyId: EMULATOR_DEFAULTS.accessKeyId,
      accessKeySecret: EMULATOR_DEFAULTS.accessKeySecret,
      endpoint: `127.0.0.1:${emulatorPort}`,
      protocol: 'HTTP',
    }),
  );
  let running = true;
  let submitted = 0;
  const loop = (async () => {
    for (let round = 0; running; round += 1) {
      const paths = Array.from(
        { length: 1 + (round % 5) },
        (_, i) => `https://img.shop-example.com/bench/load-${Date.now()}-${i}.jpg`,
      );
      try {
        await client.refreshObjectCaches(
          new $Cdn.RefreshObjectCachesRequest({ objectPath: paths.join('\n'), objectType: 'File' }),
        );
        submitted += paths.length;
      } catch {
        // a refused submission (quota, throttling) only means less change
      }
      await sleep(SUBMIT_EVERY_MS);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return submitted;
    },
  };
}

/** Polls /api/sync every second, as an open page does, counting the store's changes it sees. */
function changeWatcher(url: string, cookie: string): { stop: () => Promise<number> } {
  let running = true;
  const seen = new Set<string>();
  const loop = (async () => {
    while (running) {
      const changedAt = await syncStatusOf(url, cookie)
        .then((status) => status.changedAt)
        .catch(() => null);
      if (changedAt) seen.add(changedAt);
      await sleep(1_000);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return Math.max(0, seen.size - 1);
    },
  };
}

function routeRows(samples: Map<string, Samples>, seconds: number, name = (key: string) => key) {
  return [...samples.entries()].map(([key, s]) => [
    name(key),
    s.ms.length,
    (s.ms.length / seconds).toFixed(1),
    ms(percentile(s.ms, 50)),
    ms(percentile(s.ms, 95)),
    s.count((status) => status >= 500),
    s.codes(),
  ]);
}

export async function benchLoadHistory(): Promise<void> {
  const nowMs = Date.now();
  const filled = (FILLED_DAYS.to - FILLED_DAYS.from) * PER_DAY;
  const fillStarted = performance.now();
  const store = await prepareStore('cdnmon-bench-load-history-', async (opened) => {
    const { tidyStore } = await import('../lib/server/store/maintenance');
    for (let day = FILLED_DAYS.from; day < FILLED_DAYS.to; day += 1)
      await fillDay(opened.db, day, PER_DAY, nowMs);
    await tidyStore(opened);
  });
  const fillS = (performance.now() - fillStarted) / 1000;
  try {
    const fleet = await startFleet({
      ports: [BENCH_PORT + 40],
      tasks: EMULATOR_TASKS,
      env: { DATA_DIR: store.dataDir, HISTORY_DAYS: '31' },
    });
    try {
      const instance = fleet.instances[0] as DashboardInstance;
      const cookies = await fleet.signIn(VIEWERS);
      const [cookie = ''] = cookies;
      const backfill = await watchBackfill(fleet, instance, cookie);
      heading(
        `Load on a month of a busy account: ${VIEWERS} viewers of a 30-day view, PGlite, the data changing`,
      );
      console.log(
        `store: ${filled.toLocaleString('en')} rows filled over days ${FILLED_DAYS.from}-${FILLED_DAYS.to} in ` +
          `${fillS.toFixed(0)} s, then the emulator's ${EMULATOR_TASKS.toLocaleString('en')} of the last 3 days ` +
          `backfilled in ${(backfill.ms / 1000).toFixed(0)} s: ${backfill.storedRows.toLocaleString('en')} rows stored`,
      );
      // Warm-up: each route once, as a first page view would.
      for (const route of ROUTES) await new Samples().fetch(`${instance.url}${route.path}`, cookie);

      const changes = submitter(fleet.emulator.port);
      const watcher = changeWatcher(instance.url, cookie);
      const from = Date.now();
      for (let repeat = 1; repeat <= REPEATS; repeat += 1) {
        const viewed = await viewers(instance.url, cookies, SECONDS);
        heading(
          `#${repeat} viewers: ${VIEWERS} × (list + summary + triage, 30 days) every 10 s for ${SECONDS} s`,
        );
        printTable(
          ['route', 'answers', 'req/s', 'p50 ms', 'p95 ms', '5xx', 'statuses'],
          routeRows(viewed, SECONDS),
        );
        const all = [...viewed.values()].flatMap((s) => s.ms);
        console.log(
          `all three: p50 ${ms(percentile(all, 50))} ms, p95 ${ms(percentile(all, 95))} ms (target p50 ≤100, no 5xx)`,
        );

        const cpuBefore = processCpuMs(instance.process.pid);
        const health = await closedLoop(instance.url, cookies, ['/api/health'], CEILING_S);
        const cpuBetween = processCpuMs(instance.process.pid);
        const mixed = await closedLoop(
          instance.url,
          cookies,
          ROUTES.map((route) => route.path),
          CEILING_S,
        );
        const cpuAfter = processCpuMs(instance.process.pid);
        heading(`#${repeat} ceiling: ${VIEWERS} connections with no pause, ${CEILING_S} s each`);
        const label = (path: string) => ROUTES.find((route) => route.path === path)?.label ?? path;
        printTable(
          ['route', 'answers', 'req/s', 'p50 ms', 'p95 ms', '5xx', 'statuses'],
          [...routeRows(health.samples, CEILING_S, label), ...routeRows(mixed.samples, CEILING_S, label)],
        );
        console.log(
          `requests/s: /api/health ${health.perSecond.toFixed(0)}, the three 30-day routes ${mixed.perSecond.toFixed(1)} ` +
            `= ${(mixed.perSecond / health.perSecond).toFixed(3)} × health's (target ≥ 0.5)`,
        );
        if (cpuBefore !== null && cpuBetween !== null && cpuAfter !== null) {
          const answers = (loop: { samples: Map<string, Samples> }) =>
            [...loop.samples.values()].reduce((sum, samples) => sum + samples.ms.length, 0);
          const healthMs = (cpuBetween - cpuBefore) / answers(health);
          const routesMs = (cpuAfter - cpuBetween) / answers(mixed);
          console.log(
            `server CPU per answer: /api/health ${healthMs.toFixed(2)} ms, the three 30-day routes ` +
              `${routesMs.toFixed(2)} ms (health's = ${(healthMs / routesMs).toFixed(3)} × the routes')`,
          );
        }
      }
      const to = Date.now();
      const submitted = await changes.stop();
      const seenChanges = await watcher.stop();
      const calls = upstreamCalls(fleet.emulator, from, to);
      const byAction = (action: string) => calls.filter((call) => call.action === action).length;
      console.log(
        `\nthe data meanwhile (${((to - from) / 1000).toFixed(0)} s): ${submitted} URLs submitted upstream; the sync made ` +
          `${byAction('DescribeRefreshTasks')} DescribeRefreshTasks and ${byAction('DescribeRefreshTaskById')} ` +
          `DescribeRefreshTaskById calls; /api/sync's changedAt moved ${seenChanges} times`,
      );
    } finally {
      await fleet.stop();
    }
  } finally {
    store.remove();
  }
}
