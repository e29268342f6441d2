/**
 * Load: concurrent users (ten sessions, as if ten operators) on a mix of the dashboard's reads,
 * against one instance whose store holds 30,000 synced tasks, beside /api/health in the same run (the
 * same server's ceiling). Every read comes from the store, so the upstream rate should not follow
 * the load: the emulator's log gives the calls per second idle and under load. Asserts nothing.
 */
import autocannon from 'autocannon';
import { maxCallsInAnySecond } from '../testing/upstream-test-support';
import { ratePerSecond, upstreamCalls } from './support/instance-probes';
import { heading, printTable } from './support/report';
import { syncedFleet } from './support/synced-fleet';

const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS || 50);
const DURATION_S = Number(process.env.BENCH_LOAD_SECONDS || 30);
const HEALTH_S = 10;
const IDLE_S = 15;
const SESSIONS = 10;

/** What operators do: the default view, filters, a later page, a search, the charts, triage. */
const MIX = [
  '/api/tasks',
  '/api/tasks?status=Failed&status=Pending',
  '/api/tasks?domain=img.shop-example.com&from=now-3d',
  '/api/tasks?reason=origin-timeout&from=now-3d',
  '/api/tasks?from=now-3d&page=50',
  '/api/tasks?q=thumb&from=now-3d',
  '/api/tasks/summary',
  '/api/tasks/summary?from=now-3d',
  '/api/triage?from=now-3d',
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

function row(label: string, { result, statuses }: Run, target: string): Array<string | number> {
  const codes = [...statuses.entries()]
    .sort(([a], [b]) => a - b)
    .map(([code, count]) => `${code}:${count}`)
    .join(' ');
  return [
    label,
    result.requests.average.toFixed(0),
    result.latency.p50,
    result.latency.p99,
    result.errors + result.timeouts,
    codes,
    target,
  ];
}

export async function benchLoad(): Promise<void> {
  const { fleet, instance } = await syncedFleet();
  const cookies = await fleet.signIn(SESSIONS);
  // Warm-up: every query once, as a first page view would.
  for (const path of MIX) await fetch(`${instance.url}${path}`, { headers: { cookie: cookies[0] ?? '' } });

  const idleFrom = Date.now();
  await new Promise((resolve) => setTimeout(resolve, IDLE_S * 1000));
  const idleTo = Date.now();
  const health = await run(instance.url, ['/api/health'], cookies, HEALTH_S);
  const mixFrom = Date.now();
  const mixed = await run(instance.url, MIX, cookies, DURATION_S);
  const mixTo = Date.now();

  heading(
    `Load: ${CONNECTIONS} connections × ${DURATION_S} s on a mix of ${MIX.length} reads, 30,000 stored tasks`,
  );
  printTable(
    ['route', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'statuses', 'target'],
    [
      row(`/api/health × ${HEALTH_S} s (ceiling)`, health, ''),
      row('mixed reads', mixed, `p50 ≤100, req/s ≥${(health.result.requests.average * 0.5).toFixed(0)}`),
    ],
  );

  const spans: Array<[string, number, number]> = [
    [`idle, ${IDLE_S} s before`, idleFrom, idleTo],
    ['under the mixed load', mixFrom, mixTo],
  ];
  printTable(
    ['upstream (emulator log)', 'DescribeRefreshTasks/s', 'most in any second', 'ById/s', 'throttled'],
    spans.map(([label, from, to]) => {
      const calls = upstreamCalls(fleet.emulator, from, to);
      const lists = calls.filter((call) => call.action === 'DescribeRefreshTasks');
      const byId = calls.filter((call) => call.action === 'DescribeRefreshTaskById');
      return [
        label,
        ratePerSecond(lists, from, to).toFixed(2),
        maxCallsInAnySecond(calls, 'DescribeRefreshTasks'),
        ratePerSecond(byId, from, to).toFixed(2),
        calls.filter((call) => call.code !== null && /throttl/i.test(call.code)).length,
      ];
    }),
  );
}
