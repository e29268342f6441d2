import 'server-only';
import { createHash, randomBytes } from 'node:crypto';

/**
 * An API token's secret: `cdnm_` and 32 random bytes (base64url), shown to its creator once. The
 * store keeps only its SHA-256. A slow password hash (bcrypt) is not needed here: it exists to make
 * guessing a low-entropy password from its hash expensive, and 256 random bits cannot be guessed
 * whatever the hash; a plain SHA-256 also lets a request's token be found by an index lookup.
 */
export const TOKEN_PREFIX = 'cdnm_';

/** What a token looks like: the prefix and 43 base64url characters. */
const TOKEN_SHAPE = /^cdnm_[A-Za-z0-9_-]{43}$/;

export function newTokenSecret(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** The token's id: separate from the secret, safe to show, log and put in an address. */
export function newTokenId(): string {
  return `tok_${randomBytes(9).toString('base64url')}`;
}

export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function looksLikeToken(text: string): boolean {
  return TOKEN_SHAPE.test(text);
}
