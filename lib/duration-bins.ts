/**
 * The fixed histogram of times to finish (docs/sync.md, "Time to finish"): creation to the end the
 * sync saw, in log-spaced bins from 5 s to 24 h. The store keeps counts per bin (the duration cells);
 * percentiles come from those counts, interpolated linearly within a bin, so a percentile is exact
 * to within its bin's width (about a third of its value; the last bin, 24 h and over, answers 24 h).
 * Shared by server and browser: pure.
 */

/**
 * Bin lower edges in seconds; bin i holds [EDGES[i], EDGES[i + 1]), the last is open. Stored cells
 * are keyed by these indexes (migrations/0008-duration-cells.ts spells the same list in SQL):
 * changing them needs a migration that rebuilds the cells.
 */
export const DURATION_EDGES = [
  0, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 300, 450, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200,
  10800, 14400, 21600, 43200, 86400,
] as const;
export const DURATION_BINS = DURATION_EDGES.length;

/** The bin of a duration in seconds (negative ones, from clocks that disagree, count as 0). */
export function durationBin(seconds: number): number {
  const value = Math.max(0, seconds);
  let bin = 0;
  while (bin + 1 < DURATION_BINS && value >= (DURATION_EDGES[bin + 1] as number)) bin += 1;
  return bin;
}

export interface DurationStats {
  /** Rows with a known time to finish. */
  count: number;
  /** Seconds, interpolated from the bins. */
  p50: number;
  p90: number;
  p99: number;
}

/** The q-quantile (0–1) of counts per bin, linear within the bin it falls in; null when empty. */
export function quantileFromBins(counts: readonly number[], q: number): number | null {
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total <= 0) return null;
  const rank = q * total;
  let below = 0;
  for (let bin = 0; bin < counts.length; bin += 1) {
    const n = counts[bin] ?? 0;
    if (n > 0 && below + n >= rank) {
      const lo = DURATION_EDGES[bin] as number;
      const hi = DURATION_EDGES[bin + 1];
      if (hi === undefined) return lo;
      return lo + ((rank - below) / n) * (hi - lo);
    }
    below += n;
  }
  return DURATION_EDGES[DURATION_BINS - 1] as number;
}

/** Count and p50/p90/p99 (seconds, to one decimal) of counts per bin; null when empty. */
export function durationStats(counts: readonly number[]): DurationStats | null {
  const count = counts.reduce((sum, n) => sum + n, 0);
  if (count <= 0) return null;
  const at = (q: number) => Math.round((quantileFromBins(counts, q) ?? 0) * 10) / 10;
  return { count, p50: at(0.5), p90: at(0.9), p99: at(0.99) };
}
