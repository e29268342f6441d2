import { describe, expect, it } from 'vitest';
import { NO_PROXY_TRUST } from '@/lib/node/forwarded';
import { CLIENT_ADDRESS_HEADER, stampRequest } from '@/lib/node/request-boundary';
import { clientAddress } from './client-address';

describe('clientAddress', () => {
  it('reads the address the request boundary stamped, never X-Forwarded-For itself', () => {
    const headers: Record<string, string> = { 'x-forwarded-for': '198.51.100.1' };
    stampRequest(headers, '::ffff:203.0.113.9', NO_PROXY_TRUST);
    expect(clientAddress(new Headers(headers))).toBe('203.0.113.9');
    expect(clientAddress(headers)).toBe('203.0.113.9');
  });

  it('says unknown without a valid stamp, whatever the headers claim', () => {
    expect(clientAddress(new Headers({ 'x-forwarded-for': '198.51.100.1' }))).toBe('unknown');
    expect(clientAddress({ [CLIENT_ADDRESS_HEADER]: 'made-up 198.51.100.1' })).toBe('unknown');
  });
});
