import 'server-only';
import type { z } from 'zod';
import { readBodyText } from './request-body';

/**
 * Reads a route's JSON body, at most `maxBytes` of it (413 beyond: lib/server/request-body.ts), and
 * checks it against `schema`: a wrong content type, text that is not JSON and every bad field are
 * named; nothing of the body is echoed.
 */
export type JsonBody<T> =
  | { ok: true; body: T }
  | { ok: false; fields: Record<string, string> }
  /** The body is longer than the limit: the 413 to answer. */
  | { ok: false; response: Response };

export async function readJsonBody<T>(
  request: Request,
  schema: z.ZodType<T>,
  maxBytes: number,
): Promise<JsonBody<T>> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type))
    return { ok: false, fields: { 'content-type': 'must be application/json' } };
  const text = await readBodyText(request, maxBytes);
  if (!text.ok) return text;
  let raw: unknown;
  try {
    raw = JSON.parse(text.text);
  } catch {
    return { ok: false, fields: { body: 'is not valid JSON' } };
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, body: parsed.data };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[issue.path.join('.') || 'body'] ??= issue.message;
  return { ok: false, fields };
}
