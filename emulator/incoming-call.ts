/**
 * One HTTP call reduced to what the API cares about: decoded parameters (query and urlencoded body),
 * which signature scheme it uses, and the action and version it names.
 */
import { parseFormPairs } from './rfc3986';

export interface HttpCall {
  method: string;
  /** Lower-case header names. */
  headers: Readonly<Record<string, string | undefined>>;
  /** The query string as it came on the wire, without '?'. */
  rawQuery: string;
  body: Buffer;
}

export type SignatureVersion = 'v2' | 'v3';

export interface IncomingCall {
  http: HttpCall;
  /** Decoded query pairs, in wire order: what a V3 signature canonicalises. */
  queryPairs: [string, string][];
  /** Query pairs, then urlencoded body pairs: what a V2 signature covers. */
  pairs: [string, string][];
  /** Last value wins for a repeated name. */
  params: Map<string, string>;
  signatureVersion: SignatureVersion | null;
  action: string | undefined;
  version: string | undefined;
}

function isFormBody(headers: HttpCall['headers']): boolean {
  return (headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}

export function readIncomingCall(http: HttpCall): IncomingCall {
  const queryPairs = parseFormPairs(http.rawQuery);
  const bodyPairs =
    http.body.length > 0 && isFormBody(http.headers) ? parseFormPairs(http.body.toString('utf8')) : [];
  const pairs = [...queryPairs, ...bodyPairs];
  const params = new Map(pairs);
  const authorization = http.headers.authorization ?? '';
  // Any ACS3-* scheme is a V3 attempt: one we cannot verify is an IncompleteSignature, not a missing one.
  const signatureVersion: SignatureVersion | null = authorization.startsWith('ACS3-')
    ? 'v3'
    : params.has('Signature') || params.has('SignatureMethod') || params.has('AccessKeyId')
      ? 'v2'
      : null;
  // V3 names the action in signed headers; V2 in signed parameters (pop-core sends both, unsigned headers).
  const v3 = signatureVersion === 'v3';
  const header = (name: string) => http.headers[name];
  return {
    http,
    queryPairs,
    pairs,
    params,
    signatureVersion,
    action: v3
      ? (header('x-acs-action') ?? params.get('Action'))
      : (params.get('Action') ?? header('x-acs-action')),
    version: v3
      ? (header('x-acs-version') ?? params.get('Version'))
      : (params.get('Version') ?? header('x-acs-version')),
  };
}
