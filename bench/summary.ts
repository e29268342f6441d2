/**
 * Summary over a full 3-day window, cold and warm, for 1,000 / 10,000 / 30,000 tasks. Cold is shown
 * beside the physical limit: pages ÷ the upstream's 5 calls/s. Prints figures; asserts nothing.
 */
import { percentile, startFleet } from './support/dashboard-instances';

const SIZES = [1_000, 10_000, 30_000];
const RATE_LIMIT_PER_S = 5;

async function timeSummary(
  url: string,
  cookie: string,
  query: string,
): Promise<{ ms: number; total: number; partial: boolean }> {
  const started = performance.now();
  const response = await fetch(`${url}/api/tasks/summary?${query}`, { headers: { cookie } });
  const body = (await response.json()) as { total?: number; partial?: boolean; error?: { code: string } };
  if (!response.ok) throw new Error(`summary failed: HTTP ${response.status} ${body.error?.code}`);
  return { ms: performance.now() - started, total: body.total ?? 0, partial: body.partial ?? false };
}

export async function benchSummary(): Promise<void> {
  console.log('\n## Summary of a 3-day window (GET /api/tasks/summary?from=now-3d)');
  const fleet = await startFleet({ ports: [3910], tasks: SIZES[0] ?? 1000 });
  const [cookie = ''] = await fleet.signIn(1);
  const url = fleet.instances[0]?.url ?? '';
  try {
    console.log('tasks    pages  limit(s)  cold(s)  cold/limit  warm median(ms)  partial');
    for (const tasks of SIZES) {
      const reset = await fetch(`${fleet.emulator.url}/__emulator/reset`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tasks }),
      });
      if (!reset.ok) throw new Error(`emulator reset failed: HTTP ${reset.status}`);
      // Let the dashboard's upstream answer cache (5 s) forget the previous data set.
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      // A distinct query per size (an end far in the future, capped at now) keeps the dashboard's
      // own summary cache out of the cold run.
      const query = `from=now-3d&to=2099-01-01T00:00:${String(SIZES.indexOf(tasks)).padStart(2, '0')}Z`;
      const cold = await timeSummary(url, cookie, query);
      const warm: number[] = [];
      for (let i = 0; i < 5; i += 1) warm.push((await timeSummary(url, cookie, query)).ms);
      const pages = Math.max(1, Math.ceil(cold.total / 100));
      const limitS = pages / RATE_LIMIT_PER_S;
      console.log(
        [
          String(tasks).padEnd(8),
          String(pages).padEnd(6),
          limitS.toFixed(1).padEnd(9),
          (cold.ms / 1000).toFixed(1).padEnd(8),
          (cold.ms / 1000 / limitS).toFixed(2).padEnd(11),
          percentile(warm, 50).toFixed(1).padEnd(16),
          String(cold.partial),
        ].join(' '),
      );
    }
  } finally {
    await fleet.stop();
  }
}
