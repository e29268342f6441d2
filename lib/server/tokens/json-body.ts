import 'server-only';
import type { z } from 'zod';

/**
 * Reads a route's JSON body and checks it against `schema`: a wrong content type, text that is not
 * JSON and every bad field are named; nothing of the body is echoed.
 */
export type JsonBody<T> = { ok: true; body: T } | { ok: false; fields: Record<string, string> };

export async function readJsonBody<T>(request: Request, schema: z.ZodType<T>): Promise<JsonBody<T>> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type))
    return { ok: false, fields: { 'content-type': 'must be application/json' } };
  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
    return { ok: false, fields: { body: 'is not valid JSON' } };
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, body: parsed.data };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[issue.path.join('.') || 'body'] ??= issue.message;
  return { ok: false, fields };
}
