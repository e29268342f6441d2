import 'server-only';
import { z } from 'zod';
import type { ResubmitRequestBody } from '@/lib/resubmit-types';
import { BODY_LIMITS, readBodyText } from '../request-body';

/** The most rows one hand-picked selection may name: ten pages of 100, and the plan's largest call. */
export const MAX_SELECTED_ROWS = 1_000;

const bodySchema = z
  .object({
    mode: z.enum(['preview', 'submit']),
    selection: z.discriminatedUnion('kind', [
      z
        .object({
          kind: z.literal('tasks'),
          tasks: z
            .array(
              z
                .object({
                  taskId: z.string().regex(/^\d{1,20}$/, 'a task id (digits)'),
                  objectPath: z.string().min(1).max(2048),
                })
                .strict(),
            )
            .min(1)
            .max(MAX_SELECTED_ROWS),
        })
        .strict(),
      z.object({ kind: z.literal('view'), search: z.string().max(8_192) }).strict(),
    ]),
    idempotencyKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,64}$/, '16–64 letters, digits, - or _')
      .optional(),
  })
  .strict();

type ParsedBody =
  | { ok: true; body: ResubmitRequestBody }
  | { ok: false; fields: Record<string, string> }
  /** Longer than the limit: the 413 to answer. */
  | { ok: false; response: Response };

/** Reads and checks the JSON body; every bad field is named, nothing else is echoed. */
export async function readResubmitBody(request: Request): Promise<ParsedBody> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type))
    return { ok: false, fields: { 'content-type': 'must be application/json' } };
  const text = await readBodyText(request, BODY_LIMITS.resubmit);
  if (!text.ok) return text;
  let raw: unknown;
  try {
    raw = JSON.parse(text.text);
  } catch {
    return { ok: false, fields: { body: 'is not valid JSON' } };
  }
  const parsed = bodySchema.safeParse(raw);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[issue.path.join('.') || 'body'] ??= issue.message;
    return { ok: false, fields };
  }
  if (parsed.data.mode === 'submit' && !parsed.data.idempotencyKey)
    return { ok: false, fields: { idempotencyKey: 'is required to submit' } };
  return { ok: true, body: parsed.data };
}
