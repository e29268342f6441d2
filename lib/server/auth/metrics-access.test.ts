import { describe, expect, it } from 'vitest';
import { metricsAccessAllowed } from './metrics-access';

describe('metrics access', () => {
  it('needs the configured bearer token, exactly', () => {
    expect(metricsAccessAllowed('Bearer s3cret-token', 's3cret-token')).toBe(true);
    expect(metricsAccessAllowed('bearer s3cret-token', 's3cret-token')).toBe(true);
    expect(metricsAccessAllowed('Bearer s3cret-tokeN', 's3cret-token')).toBe(false);
    expect(metricsAccessAllowed('Bearer s3cret', 's3cret-token')).toBe(false);
    expect(metricsAccessAllowed('Basic s3cret-token', 's3cret-token')).toBe(false);
    expect(metricsAccessAllowed(null, 's3cret-token')).toBe(false);
  });

  it('lets nobody in when no token is configured', () => {
    expect(metricsAccessAllowed('Bearer ', '')).toBe(false);
    expect(metricsAccessAllowed('Bearer anything', undefined)).toBe(false);
  });
});
