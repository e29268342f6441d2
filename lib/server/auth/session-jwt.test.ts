import { decode, encode, type JWT } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { decodeSessionJwt, encodeSessionJwt } from './session-jwt';

const SECRET = 'test-only-secret-test-only-secret-0123456789';
const CLAIMS: JWT = {
  sub: 'local:ana',
  name: 'ana',
  role: 'operator',
  sid: 'sid-1',
  signedInAt: 1_767_000_000_000,
};

describe('session tokens with the derived key kept', () => {
  it('opens a token next-auth made, with the same claims', async () => {
    const token = await encode({ token: CLAIMS, secret: SECRET, maxAge: 600 });
    expect(await decodeSessionJwt({ token, secret: SECRET })).toMatchObject(CLAIMS);
  });

  it('makes a token next-auth opens, with next-auth’s expiry, issue time and a token id', async () => {
    const before = Math.floor(Date.now() / 1000);
    const token = await encodeSessionJwt({ token: CLAIMS, secret: SECRET, maxAge: 600 });
    const payload = await decode({ token, secret: SECRET });
    expect(payload).toMatchObject(CLAIMS);
    expect(payload?.iat).toBeGreaterThanOrEqual(before);
    expect(payload?.exp).toBe((payload?.iat as number) + 600);
    expect(payload?.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps a key per secret and salt: another secret or salt does not open the token', async () => {
    const token = await encodeSessionJwt({ token: CLAIMS, secret: SECRET });
    await expect(decodeSessionJwt({ token, secret: `${SECRET}-other` })).rejects.toThrow();
    await expect(decodeSessionJwt({ token, secret: SECRET, salt: 'other' })).rejects.toThrow();
    // The kept key of the first secret is still the right one after the others were derived.
    expect(await decodeSessionJwt({ token, secret: SECRET })).toMatchObject(CLAIMS);
    const salted = await encode({ token: CLAIMS, secret: SECRET, salt: 'other' });
    expect(await decodeSessionJwt({ token: salted, secret: SECRET, salt: 'other' })).toMatchObject(CLAIMS);
  });

  it('refuses an expired token and answers null for none', async () => {
    const token = await encodeSessionJwt({ token: CLAIMS, secret: SECRET, maxAge: -60 });
    await expect(decodeSessionJwt({ token, secret: SECRET })).rejects.toThrow();
    expect(await decodeSessionJwt({ token: undefined, secret: SECRET })).toBeNull();
  });
});
