import { describe, expect, it } from 'vitest';
import {
  recordFailedSignIn,
  recordSuccessfulSignIn,
  SIGN_IN_LIMITS,
  signInBlockedFor,
} from './sign-in-limits';

describe('sign-in limits', () => {
  it('blocks a username after its failures, from any address, until the window passes', async () => {
    const failures = SIGN_IN_LIMITS.perUser.failures;
    for (let i = 0; i < failures; i++) {
      expect(await signInBlockedFor({ username: 'Target', address: `192.0.2.${i}` })).toBe(0);
      await recordFailedSignIn({ username: 'Target', address: `192.0.2.${i}` });
    }
    const wait = await signInBlockedFor({ username: 'target', address: '198.51.100.1' });
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(SIGN_IN_LIMITS.perUser.windowSeconds);
  });

  it('blocks an address after its failures, whatever names it tries', async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress.failures; i++) {
      await recordFailedSignIn({ username: `name-${i}`, address: '203.0.113.50' });
    }
    expect(await signInBlockedFor({ username: 'fresh-name', address: '203.0.113.50' })).toBeGreaterThan(0);
    expect(await signInBlockedFor({ username: 'fresh-name', address: '203.0.113.51' })).toBe(0);
  });

  it('forgets a user’s few typos after a success', async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.perUser.failures - 1; i++) {
      await recordFailedSignIn({ username: 'typist', address: '192.0.2.200' });
    }
    await recordSuccessfulSignIn({ username: 'typist', address: '192.0.2.200' });
    await recordFailedSignIn({ username: 'typist', address: '192.0.2.201' });
    expect(await signInBlockedFor({ username: 'typist', address: '192.0.2.202' })).toBe(0);
  });
});
