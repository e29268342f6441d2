import 'server-only';
import { z } from 'zod';
import type { ResubmitRequestBody } from '@/lib/resubmit-types';
import { type JsonBody, readJsonBody } from '../json-body';
import { BODY_LIMITS } from '../request-body';

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

type ParsedBody = JsonBody<ResubmitRequestBody>;

/** Reads and checks the JSON body; every bad field is named, nothing else is echoed. */
export async function readResubmitBody(request: Request): Promise<ParsedBody> {
  const parsed = await readJsonBody(request, bodySchema, BODY_LIMITS.resubmit);
  if (!parsed.ok) return parsed;
  if (parsed.body.mode === 'submit' && !parsed.body.idempotencyKey)
    return { ok: false, fields: { idempotencyKey: 'is required to submit' } };
  return parsed;
}
