import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address';

describe('clientAddress', () => {
  it('takes the last X-Forwarded-For entry, the one our own proxy appended', () => {
    expect(clientAddress(new Headers({ 'x-forwarded-for': '10.0.0.1, 203.0.113.9' }))).toBe('203.0.113.9');
    expect(clientAddress({ 'x-forwarded-for': '::ffff:127.0.0.1' })).toBe('::ffff:127.0.0.1');
  });

  it('says unknown without one', () => {
    expect(clientAddress(new Headers())).toBe('unknown');
    expect(clientAddress({ 'x-forwarded-for': ' , ' })).toBe('unknown');
  });
});
