/**
 * Load: 100 concurrent clients for 60 s on a mix of dashboard queries (ten sessions, as if ten
 * operators), against one dashboard whose upstream is the emulator at its documented rate limits.
 * Prints latency and throughput beside /api/health (the same server's ceiling), the dashboard's
 * status codes, and the upstream rate as the emulator's request log saw it. Asserts nothing.
 */
import autocannon from 'autocannon';
import { maxCallsInAnySecond, throttledCalls } from '../lib/testing/upstream-test-support';
import { BENCH_METRICS_TOKEN, startFleet } from './support/dashboard-instances';

const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS || 100);
const DURATION_S = Number(process.env.BENCH_LOAD_SECONDS || 60);
const SESSIONS = 10;

/** What operators do: the default view, filters that fan out, later pages, a post-filter, live rows. */
const MIX = [
  '/api/tasks',
  '/api/tasks?status=Failed',
  '/api/tasks?type=file&page=2',
  '/api/tasks?type=directory&from=now-6h',
  '/api/tasks?status=Refreshing&status=Pending&from=now-1h',
  '/api/tasks?reason=origin-timeout&from=now-3h',
  '/api/tasks?q=img&from=now-1h',
  '/api/tasks?domain=example.com&type=file&size=50',
];

interface Run {
  result: autocannon.Result;
  statuses: Map<number, number>;
}

function run(url: string, paths: string[], cookies: string[], seconds: number): Promise<Run> {
  const statuses = new Map<number, number>();
  let next = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: seconds,
        timeout: 30,
        // Each request comes from one of the sessions in turn, as if from that operator's tab.
        requests: paths.map((path) => ({
          method: 'GET',
          path,
          setupRequest: (request) => ({
            ...request,
            headers: { ...request.headers, cookie: cookies[next++ % cookies.length] ?? '' },
          }),
        })),
      },
      (error, result) => (error ? reject(error) : resolve({ result, statuses })),
    );
    instance.on('response', (_client, statusCode) =>
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1),
    );
  });
}

function line(label: string, { result, statuses }: Run): string {
  const codes = [...statuses.entries()]
    .sort(([a], [b]) => a - b)
    .map(([code, count]) => `${code}:${count}`)
    .join(' ');
  return [
    label.padEnd(24),
    `${result.requests.average.toFixed(0)}`.padStart(8),
    `${result.latency.p50}`.padStart(8),
    `${result.latency.p99}`.padStart(8),
    `${result.errors + result.timeouts}`.padStart(7),
    `  ${codes}`,
  ].join(' ');
}

export async function benchLoad(): Promise<void> {
  console.log(
    `\n## Load: ${CONNECTIONS} clients × ${DURATION_S} s, mixed /api/tasks queries (upstream budget 5/s)`,
  );
  const fleet = await startFleet({ ports: [3920], tasks: 3000 });
  try {
    const [instance] = fleet.instances;
    if (!instance) throw new Error('no instance');
    const cookies = await fleet.signIn(SESSIONS);
    // Warm-up: every query once, as a first page view would.
    for (const path of MIX) await fetch(`${instance.url}${path}`, { headers: { cookie: cookies[0] ?? '' } });

    console.log(
      `${'route'.padEnd(24)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'errors'.padStart(7)}   statuses`,
    );
    const ceiling = await run(instance.url, ['/api/health'], cookies, Math.min(15, DURATION_S));
    console.log(line('/api/health (ceiling)', ceiling));

    const logStart = Date.now();
    const mixed = await run(instance.url, MIX, cookies, DURATION_S);
    console.log(line('/api/tasks mix', mixed));

    const log = (await (await fetch(`${fleet.emulator.url}/__emulator/requests`)).json()) as {
      requests: Array<{ time: string; action: string | null; status: number; code: string | null }>;
    };
    const during = log.requests.filter((entry) => Date.parse(entry.time) >= logStart);
    const lists = during.filter((entry) => entry.action === 'DescribeRefreshTasks');
    const fiveXx = [...mixed.statuses.entries()]
      .filter(([code]) => code >= 500)
      .reduce((n, [, c]) => n + c, 0);
    console.log(
      `upstream DescribeRefreshTasks: ${lists.length} calls in ${DURATION_S} s (${(lists.length / DURATION_S).toFixed(2)}/s), ` +
        `most in any second ${maxCallsInAnySecond(during, 'DescribeRefreshTasks')} (budget 5); ` +
        `ById most in any second ${maxCallsInAnySecond(during, 'DescribeRefreshTaskById')} (budget 30); ` +
        `throttled by the upstream ${throttledCalls(during).length}; dashboard 5xx ${fiveXx}`,
    );
    const scraped = await (
      await fetch(`${instance.url}/api/metrics`, {
        headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` },
      })
    ).text();
    const cache = scraped
      .split('\n')
      .filter((row) => row.startsWith('cdnmon_upstream_cache_total{'))
      .map((row) => row.replace(/^cdnmon_upstream_cache_total\{action="(\w+)",result="(\w+)"\} /, '$1 $2='))
      .join(', ');
    console.log(`cache: ${cache}`);
  } finally {
    await fleet.stop();
  }
}
