/**
 * An upstream error message made fit to show an operator and to keep as the sync's last error. The
 * CDN API's answer to a bad signature repeats the string it signed (`server string to sign is:GET&%2F&
 * AccessKeyId%3DLTAI…&Signature…`), which holds the AccessKeyId and every parameter of the call;
 * other answers may name a key or carry a signature. What is kept: the sentence before any
 * string-to-sign, with key ids, signatures and credentials replaced by `[hidden]`, on one line, at
 * most 300 characters. The error's code is kept apart and unchanged (upstream-error.ts).
 */
import 'server-only';

const MAX_LENGTH = 300;
const HIDDEN = '[hidden]';

/** Everything from "string to sign" (any spacing, dashes or case, "server" or not) to the end. */
const STRING_TO_SIGN = /[\s,;:]*(?:server[\s_-]*)?string[\s_-]*to[\s_-]*sign\b[\s\S]*$/i;
/** `AccessKeyId=…`, `Signature: …`, `Credential=…` and the like, plain or URL-encoded (`%3D`). */
const NAMED_SECRET =
  /\b(AccessKey(?:Id|Secret)?|SecurityToken|Signature(?:Nonce)?|Credential|SignedHeaders)(\s*(?:=|:|%3D)\s*)[^\s&,;"']+/gi;
/** An Alibaba Cloud AccessKeyId or STS key id wherever it appears (LTAI…, STS.…). */
const KEY_ID = /\b(?:LTAI[A-Za-z0-9]{8,}|STS\.[A-Za-z0-9]{8,})\b/g;
/** A bare 40+ character hex or base64 run: a signature or a hash of the request. */
const LONG_TOKEN = /\b[A-Za-z0-9+/]{40,}={0,2}/g;

export function cleanUpstreamMessage(message: string): string {
  const cleaned = message
    .replace(STRING_TO_SIGN, '')
    .replace(NAMED_SECRET, (_, name: string, separator: string) => `${name}${separator}${HIDDEN}`)
    .replace(KEY_ID, HIDDEN)
    .replace(LONG_TOKEN, HIDDEN)
    .replace(/\s+/g, ' ')
    .trim();
  const text = cleaned || 'The CDN API refused the request';
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}
