/**
 * HMAC-SHA1 with SignatureVersion=1.0 (signature V2), as pure functions so the published vectors can
 * be replayed exactly.
 */
import { createHmac } from 'node:crypto';
import { percentEncode } from './rfc3986';

/** Every parameter except Signature itself, sorted by encoded name, `enc(k)=enc(v)` joined by '&'. */
export function v2CanonicalQuery(params: readonly (readonly [string, string])[]): string {
  return params
    .filter(([k]) => k !== 'Signature')
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

export function v2StringToSign(method: string, params: readonly (readonly [string, string])[]): string {
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(v2CanonicalQuery(params))}`;
}

/** base64 HMAC-SHA1 keyed with the secret plus '&' (the empty token-secret slot of the old scheme). */
export function v2Signature(accessKeySecret: string, stringToSign: string): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign).digest('base64');
}
