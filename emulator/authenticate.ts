/**
 * Who is calling, and is the call genuinely theirs: signature (V3 or V2), access key, STS token,
 * timestamp skew and nonce replay. Errors carry the codes and HTTP statuses Alibaba Cloud answers with.
 */
import { ApiError, missingParameter } from './api-error';
import type { IncomingCall, SignatureVersion } from './incoming-call';
import type { NonceCache } from './nonce-cache';
import { v2Signature, v2StringToSign } from './signature-v2';
import {
  canonicalRequest,
  parseV3Authorization,
  sha256Hex,
  v3Signature,
  v3StringToSign,
} from './signature-v3';

export interface Credentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
  /** The account this key belongs to, when not the emulator's main one. */
  accountId?: string;
}

export interface AuthContext {
  /** Every access key of the account; a call may be signed with any of them. */
  keys: readonly Credentials[];
  /** Real time in ms: timestamps are checked against it, not against the (movable) data clock. */
  wallNow: number;
  nonces: NonceCache;
}

export interface Caller {
  accessKeyId: string;
  /** The key's own account, when it has one besides the emulator's main account. */
  accountId?: string;
  signatureVersion: SignatureVersion;
}

/** The key a call names, with its secret and token, and who it is. */
interface KnownKey {
  caller: Omit<Caller, 'signatureVersion'>;
  credentials: Credentials;
}

const MAX_SKEW_MS = 15 * 60 * 1000;

/** Headers a V3 signature must cover, or a replay could swap them unnoticed. */
const V3_REQUIRED_SIGNED = [
  'host',
  'x-acs-action',
  'x-acs-version',
  'x-acs-date',
  'x-acs-signature-nonce',
  'x-acs-content-sha256',
];

export function authenticate(call: IncomingCall, context: AuthContext): Caller {
  if (call.signatureVersion === 'v3') return authenticateV3(call, context);
  if (call.signatureVersion === 'v2') return authenticateV2(call, context);
  throw missingParameter('Signature');
}

function authenticateV3(call: IncomingCall, context: AuthContext): Caller {
  const headers = call.http.headers;
  const auth = parseV3Authorization(headers.authorization ?? '');
  if (!auth) {
    throw new ApiError(
      'IncompleteSignature',
      400,
      'The Authorization header must carry Credential, SignedHeaders and Signature.',
    );
  }
  for (const name of V3_REQUIRED_SIGNED) {
    if (headers[name] === undefined) throw missingParameter(name);
    if (!auth.signedHeaders.includes(name)) {
      throw new ApiError(
        'IncompleteSignature',
        400,
        `The request signature does not cover the header "${name}".`,
      );
    }
  }
  const token = headers['x-acs-security-token'];
  if (token !== undefined && !auth.signedHeaders.includes('x-acs-security-token')) {
    throw new ApiError(
      'IncompleteSignature',
      400,
      'The request signature does not cover the header "x-acs-security-token".',
    );
  }
  const { caller, credentials } = checkKey(auth.credential, token, context);
  checkTimestamp(headers['x-acs-date'] ?? '', context.wallNow);

  const headerValues: Record<string, string> = {};
  for (const name of auth.signedHeaders) headerValues[name] = headers[name] ?? '';
  const declaredHash = headers['x-acs-content-sha256'] ?? '';
  const stringToSign = v3StringToSign(
    canonicalRequest({
      method: call.http.method,
      query: call.queryPairs,
      headers: headerValues,
      signedHeaders: auth.signedHeaders,
      payloadHash: declaredHash,
    }),
  );
  if (v3Signature(credentials.accessKeySecret, stringToSign) !== auth.signature.toLowerCase()) {
    throw signatureDoesNotMatch(stringToSign);
  }
  // The signature covers the declared hash; this covers the body against it.
  if (declaredHash.toLowerCase() !== sha256Hex(call.http.body)) {
    throw new ApiError(
      'SignatureDoesNotMatch',
      400,
      'The x-acs-content-sha256 header does not match the SHA-256 of the request body.',
    );
  }
  checkNonce(caller.accessKeyId, headers['x-acs-signature-nonce'] ?? '', context);
  return { ...caller, signatureVersion: 'v3' };
}

function authenticateV2(call: IncomingCall, context: AuthContext): Caller {
  const params = call.params;
  for (const name of ['AccessKeyId', 'Signature', 'SignatureMethod', 'SignatureNonce', 'Timestamp']) {
    if (!params.get(name)) throw missingParameter(name);
  }
  if (params.get('SignatureMethod') !== 'HMAC-SHA1') {
    throw new ApiError('IncompleteSignature', 400, 'The SignatureMethod must be HMAC-SHA1.');
  }
  if ((params.get('SignatureVersion') ?? '1.0') !== '1.0') {
    throw new ApiError('IncompleteSignature', 400, 'The SignatureVersion must be 1.0.');
  }
  const { caller, credentials } = checkKey(
    params.get('AccessKeyId') ?? '',
    params.get('SecurityToken'),
    context,
  );
  checkTimestamp(params.get('Timestamp') ?? '', context.wallNow);
  const stringToSign = v2StringToSign(call.http.method, call.pairs);
  if (v2Signature(credentials.accessKeySecret, stringToSign) !== params.get('Signature')) {
    throw signatureDoesNotMatch(stringToSign);
  }
  checkNonce(caller.accessKeyId, params.get('SignatureNonce') ?? '', context);
  return { ...caller, signatureVersion: 'v2' };
}

function checkKey(accessKeyId: string, token: string | undefined, context: AuthContext): KnownKey {
  const expected = context.keys.find((key) => key.accessKeyId === accessKeyId);
  if (expected === undefined) {
    throw new ApiError('InvalidAccessKeyId.NotFound', 404, 'Specified access key is not found.');
  }
  if (expected.securityToken === undefined) {
    if (token !== undefined)
      throw new ApiError(
        'InvalidSecurityToken.Malformed',
        400,
        'The security token you provided is malformed.',
      );
  } else if (token === undefined) {
    throw new ApiError(
      'MissingSecurityToken',
      400,
      'The access key requires a security token (STS), which the request lacks.',
    );
  } else if (token !== expected.securityToken) {
    throw new ApiError(
      'InvalidSecurityToken.MismatchWithAccessKey',
      400,
      'The security token does not match the access key.',
    );
  }
  const caller =
    expected.accountId === undefined ? { accessKeyId } : { accessKeyId, accountId: expected.accountId };
  return { caller, credentials: expected };
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

function checkTimestamp(text: string, wallNow: number): void {
  const at = TIMESTAMP.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(at)) {
    throw new ApiError(
      'InvalidTimeStamp.Format',
      400,
      'Specified time stamp or date value is not well formatted.',
    );
  }
  if (Math.abs(wallNow - at) > MAX_SKEW_MS) {
    throw new ApiError(
      'InvalidTimeStamp.Expired',
      400,
      `Specified time stamp or date value is expired. Server time is ${new Date(wallNow).toISOString()}.`,
    );
  }
}

function checkNonce(accessKeyId: string, nonce: string, context: AuthContext): void {
  if (!context.nonces.remember(accessKeyId, nonce, context.wallNow)) {
    throw new ApiError('SignatureNonceUsed', 400, 'Specified signature nonce was used already.');
  }
}

function signatureDoesNotMatch(stringToSign: string): ApiError {
  return new ApiError(
    'SignatureDoesNotMatch',
    400,
    `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`,
  );
}
