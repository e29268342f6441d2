/**
 * ACS3-HMAC-SHA256 (signature V3), as pure functions so the published vectors can be replayed exactly.
 * The server never trusts the client's rendering of the query: it canonicalises decoded pairs itself.
 */
import { createHash, createHmac } from 'node:crypto';
import { percentEncode } from './rfc3986';

export const V3_ALGORITHM = 'ACS3-HMAC-SHA256';

export interface V3CanonicalInput {
  method: string;
  /** Decoded query pairs; order does not matter, canonicalisation sorts them. */
  query: readonly (readonly [string, string])[];
  /** Header values by lower-case name; only the signed ones are used. */
  headers: Readonly<Record<string, string>>;
  signedHeaders: readonly string[];
  /** hex SHA-256 of the body, as the client declared it in x-acs-content-sha256. */
  payloadHash: string;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Sorted by encoded name then encoded value: byte order, which is what the SDKs produce. */
export function canonicalQueryString(query: readonly (readonly [string, string])[]): string {
  return query
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort((a, b) => (a[0] === b[0] ? compare(a[1], b[1]) : compare(a[0], b[0])))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function canonicalRequest(input: V3CanonicalInput): string {
  const headerLines = input.signedHeaders
    .map((name) => `${name}:${(input.headers[name] ?? '').trim()}\n`)
    .join('');
  return [
    input.method.toUpperCase(),
    '/',
    canonicalQueryString(input.query),
    headerLines,
    input.signedHeaders.join(';'),
    input.payloadHash,
  ].join('\n');
}

export function v3StringToSign(canonical: string): string {
  return `${V3_ALGORITHM}\n${sha256Hex(canonical)}`;
}

/** hex HMAC-SHA256 keyed with the bare secret (no trailing '&', unlike V2). */
export function v3Signature(accessKeySecret: string, stringToSign: string): string {
  return createHmac('sha256', accessKeySecret).update(stringToSign).digest('hex');
}

export interface V3Authorization {
  credential: string;
  signedHeaders: string[];
  signature: string;
}

/**
 * Parses `ACS3-HMAC-SHA256 Credential=…,SignedHeaders=a;b,Signature=…`. Returns null when a part is
 * missing, which the caller reports as IncompleteSignature.
 */
export function parseV3Authorization(header: string): V3Authorization | null {
  const trimmed = header.trim();
  if (!trimmed.startsWith(`${V3_ALGORITHM} `)) return null;
  const fields = new Map<string, string>();
  for (const part of trimmed.slice(V3_ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || !signedHeaders || !signature) return null;
  return {
    credential,
    signedHeaders: signedHeaders.split(';').map((h) => h.trim().toLowerCase()),
    signature,
  };
}
