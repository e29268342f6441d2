/** How long a read takes: warmed up first, then timed run after run. */
import { percentile } from './dashboard-instances';

export async function timeRuns(
  run: () => Promise<unknown>,
  { runs, warmUps }: { runs: number; warmUps: number },
): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < warmUps; i += 1) await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}
