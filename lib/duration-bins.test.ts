import { describe, expect, it } from 'vitest';
import { DURATION_BINS, DURATION_EDGES, durationBin, durationStats, quantileFromBins } from './duration-bins';

describe('the histogram of times to finish', () => {
  it('bins a duration by its lower edge, the last bin open', () => {
    expect(durationBin(0)).toBe(0);
    expect(durationBin(-3)).toBe(0);
    expect(durationBin(4.9)).toBe(0);
    expect(durationBin(5)).toBe(1);
    expect(durationBin(59.9)).toBe(DURATION_EDGES.indexOf(45));
    expect(durationBin(3600)).toBe(DURATION_EDGES.indexOf(3600));
    expect(durationBin(10 * 86_400)).toBe(DURATION_BINS - 1);
  });

  it('interpolates a quantile within the bin it falls in', () => {
    const counts = new Array(DURATION_BINS).fill(0);
    counts[durationBin(60)] = 10; // [60, 90)
    expect(quantileFromBins(counts, 0.5)).toBe(75);
    expect(quantileFromBins(counts, 1)).toBe(90);
    counts[durationBin(600)] = 10; // [600, 900)
    expect(quantileFromBins(counts, 0.5)).toBe(90);
    expect(quantileFromBins(counts, 0.9)).toBe(840);
  });

  it('answers the open last bin by its edge, and nothing for no rows', () => {
    const counts = new Array(DURATION_BINS).fill(0);
    expect(durationStats(counts)).toBeNull();
    counts[DURATION_BINS - 1] = 3;
    expect(durationStats(counts)).toEqual({ count: 3, p50: 86_400, p90: 86_400, p99: 86_400 });
  });
});
