/**
 * Hand-signed raw calls, for tests that must send what no well-behaved client sends: stale
 * timestamps, replayed nonces, unsigned headers, bodies that do not match their hash.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { percentEncode } from './rfc3986';
import { v2Signature, v2StringToSign } from './signature-v2';
import { canonicalRequest, sha256Hex, V3_ALGORITHM, v3Signature, v3StringToSign } from './signature-v3';
import { formatUtcSeconds } from './utc-time';

export interface RawCall {
  method?: 'GET' | 'POST';
  action?: string;
  version?: string;
  params?: Record<string, string>;
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
  /** Default: now. */
  timestamp?: string;
  /** Default: a fresh uuid. */
  nonce?: string;
}

export interface V3Call extends RawCall {
  /** Urlencoded body; default empty. */
  body?: string;
  /** Hash declared in x-acs-content-sha256; default the body's real hash. */
  declaredHash?: string;
  /** Headers to leave out of SignedHeaders (still sent). */
  unsigned?: string[];
  /** Replace the Authorization header entirely. */
  authorization?: string;
}

export interface V2Call extends RawCall {
  /** Put the parameters in an urlencoded POST body instead of the query. */
  inBody?: boolean;
  /** Parameters to drop after signing (to test missing ones). */
  omit?: string[];
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

const encodePairs = (params: Record<string, string>) =>
  Object.entries(params)
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join('&');

export function sendV3(baseUrl: string, call: V3Call): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  const method = call.method ?? 'POST';
  const body = call.body ?? '';
  const headers: Record<string, string> = {
    host: url.host,
    'x-acs-action': call.action ?? 'DescribeRefreshTasks',
    'x-acs-version': call.version ?? '2018-05-10',
    'x-acs-date': call.timestamp ?? formatUtcSeconds(Date.now()),
    'x-acs-signature-nonce': call.nonce ?? randomUUID(),
    'x-acs-content-sha256': call.declaredHash ?? sha256Hex(body),
  };
  if (call.securityToken !== undefined) headers['x-acs-security-token'] = call.securityToken;
  if (body !== '') headers['content-type'] = 'application/x-www-form-urlencoded';
  const signedHeaders = Object.keys(headers)
    .filter((h) => !(call.unsigned ?? []).includes(h))
    .sort();
  const query = Object.entries(call.params ?? {});
  const signature = v3Signature(
    call.accessKeySecret,
    v3StringToSign(
      canonicalRequest({
        method,
        query,
        headers,
        signedHeaders,
        payloadHash: headers['x-acs-content-sha256'] ?? '',
      }),
    ),
  );
  headers.authorization =
    call.authorization ??
    `${V3_ALGORITHM} Credential=${call.accessKeyId},SignedHeaders=${signedHeaders.join(';')},Signature=${signature}`;
  return send(url, method, `/?${encodePairs(call.params ?? {})}`, headers, body);
}

export function sendV2(baseUrl: string, call: V2Call): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  const method = call.method ?? 'GET';
  const params: Record<string, string> = {
    Action: call.action ?? 'DescribeRefreshTasks',
    Version: call.version ?? '2018-05-10',
    Format: 'JSON',
    AccessKeyId: call.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: call.nonce ?? randomUUID(),
    Timestamp: call.timestamp ?? formatUtcSeconds(Date.now()),
    ...(call.securityToken === undefined ? {} : { SecurityToken: call.securityToken }),
    ...call.params,
  };
  params.Signature = v2Signature(call.accessKeySecret, v2StringToSign(method, Object.entries(params)));
  for (const name of call.omit ?? []) delete params[name];
  const encoded = encodePairs(params);
  if (call.inBody) {
    return send(url, method, '/', { 'content-type': 'application/x-www-form-urlencoded' }, encoded);
  }
  return send(url, method, `/?${encoded}`, {}, '');
}

function send(
  url: URL,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: JSON.parse(text) as Record<string, unknown>,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
