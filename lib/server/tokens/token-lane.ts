import 'server-only';
import { createHash } from 'node:crypto';
import { bearerOf } from './bearer';

/**
 * The upstream queue's lane of a request made with an API token: a short hash of the secret, so
 * each token (each pipeline) waits its own turn and neither the secret nor anything that could
 * recover it is kept. Null without a Bearer token.
 */
export function tokenLane(headers: Headers): string | null {
  const bearer = bearerOf(headers);
  if (bearer.kind !== 'bearer') return null;
  return `token:${createHash('sha256').update(bearer.secret).digest('base64url').slice(0, 16)}`;
}
