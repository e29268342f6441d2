/**
 * The one way a route reads a request body: at most `maxBytes` are read, whatever Content-Length
 * says (absent, wrong, or a chunked body that never ends). A longer body is refused with 413 in the
 * contract's error shape (docs/contract.md), after reading no more than the limit and one chunk.
 */
import 'server-only';
import { jsonError } from './http';

export type BodyText = { ok: true; text: string } | { ok: false; response: Response };

/** The limits of the routes that read a body (bytes). */
export const BODY_LIMITS = {
  /** Two short form fields. */
  locale: 8_192,
  /** One channel name. */
  alertsTest: 1_024,
  /** Up to 1,000 rows of a 20-digit id and a 2,048-character path, with room for JSON's escapes. */
  resubmit: 3 * 1024 * 1024,
  /** next-auth's forms: a CSRF token, a username and a password, a callback address. */
  auth: 16_384,
  /**
   * 10,000 paths of up to 1,024 characters (the longest the upstream takes) with JSON's quotes, and
   * under the 10 MiB that Next.js's proxy buffers (proxyClientMaxBodySize): it cuts a longer body
   * short, and a body cut to 10 MiB must still be refused here as too long, not read as bad JSON.
   */
  refresh: 10_400_000,
  /** A name, up to 100 account ids and 50 path limits. */
  tokens: 65_536,
} as const;

export function payloadTooLarge(maxBytes: number): Response {
  return jsonError(413, {
    code: 'PayloadTooLarge',
    message: `The request body is longer than ${maxBytes} bytes; nothing was done.`,
    fields: { body: `must be at most ${maxBytes} bytes` },
  });
}

export async function readBodyText(request: Request, maxBytes: number): Promise<BodyText> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    return { ok: false, response: payloadTooLarge(maxBytes) };
  }
  if (!request.body) return { ok: true, text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, response: payloadTooLarge(maxBytes) };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, text: new TextDecoder().decode(bytes) };
}
