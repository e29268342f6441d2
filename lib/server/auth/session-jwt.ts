import 'server-only';
import { hkdfSync, randomUUID } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';
import type { JWT, JWTDecodeParams, JWTEncodeParams } from 'next-auth/jwt';

/**
 * next-auth's session-token encryption (next-auth/jwt's encode and decode: A256GCM with a key derived
 * from the secret by HKDF, the same token format and claims), except that the derived key is computed
 * once per secret and salt instead of at every use. A signed-in API request reads its token twice (the
 * proxy, then the handler's session check) and writes it once (the re-issued cookie): three HKDF
 * derivations of the same key per request, queued on libuv's thread pool under load (docs/sync.md,
 * "What a view's request costs under load"). Tokens from either implementation open with the other
 * (session-jwt.test.ts).
 */

const DEFAULT_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/** next-auth allows this much clock skew on `exp`/`nbf`. */
const CLOCK_TOLERANCE_SECONDS = 15;
/** One secret and salt in practice (session tokens use none); a bound in case of rotation. */
const MAX_KEYS = 8;

const keys = new Map<string, Uint8Array>();

/** As next-auth's getDerivedEncryptionKey: HKDF-SHA256(secret, salt, info), 32 bytes. */
function derivedKey(secret: string | Buffer, salt: string): Uint8Array {
  const id = `${salt}\u0000${typeof secret === 'string' ? secret : secret.toString('base64')}`;
  const known = keys.get(id);
  if (known) return known;
  const info = `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ''}`;
  const key = new Uint8Array(hkdfSync('sha256', secret, salt, info, 32));
  if (keys.size >= MAX_KEYS) keys.clear();
  keys.set(id, key);
  return key;
}

export async function encodeSessionJwt({
  token = {},
  secret,
  maxAge = DEFAULT_MAX_AGE_SECONDS,
  salt = '',
}: JWTEncodeParams): Promise<string> {
  const nowSeconds = Math.floor(Date.now() / 1000);
  return new EncryptJWT(token)
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setIssuedAt()
    .setExpirationTime(nowSeconds + maxAge)
    .setJti(randomUUID())
    .encrypt(derivedKey(secret, salt));
}

export async function decodeSessionJwt({ token, secret, salt = '' }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, derivedKey(secret, salt), {
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
  });
  return payload as JWT;
}
