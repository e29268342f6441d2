import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../upstream/upstream-error';
import { failureBackoffMs, failureMessage } from './sync-failure';

const upstreamError = (code: string, message: string) =>
  new UpstreamError({ kind: 'unavailable', code, message });

describe('after a failed step', () => {
  it('pauses twice as long with each failure in a row, up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(failureBackoffMs)).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('names the upstream’s code and message', () => {
    expect(failureMessage(upstreamError('Throttling.User', 'Request was denied'), null)).toBe(
      'Throttling.User: Request was denied',
    );
  });

  it('never repeats a store error’s own text', () => {
    expect(failureMessage(new Error('connect ECONNREFUSED postgres://user:pw@db'), null)).toBe(
      'The store or the sync failed unexpectedly',
    );
  });

  it('keeps naming the failure that opened the breaker while it holds calls back, once marked', () => {
    const open = upstreamError('Dashboard.CircuitOpen', 'calls paused');
    expect(failureMessage(open, 'ServiceUnavailable: down')).toBe('ServiceUnavailable: down (calls paused)');
    expect(failureMessage(open, 'ServiceUnavailable: down (calls paused)')).toBe(
      'ServiceUnavailable: down (calls paused)',
    );
    expect(failureMessage(open, null)).toBe('Dashboard.CircuitOpen: calls paused');
  });
});
