import 'server-only';
import { z } from 'zod';
import { MAX_REFRESH_PATHS, REFRESH_OBJECT_TYPES } from '@/lib/refresh-types';
import { ACCOUNT_ID_PATTERN } from '../accounts/accounts-file';

/** `POST /api/refresh`'s body (docs/public-api.md). */
export const refreshBody = z
  .object({
    objectType: z.enum(REFRESH_OBJECT_TYPES),
    paths: z.array(z.string().max(2048, 'at most 2,048 characters')).min(1).max(MAX_REFRESH_PATHS),
    acct: z.string().regex(ACCOUNT_ID_PATTERN, 'an account id').optional(),
    idempotencyKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,64}$/, '16–64 letters, digits, - or _')
      .optional(),
  })
  .strict();

export type RefreshBody = z.infer<typeof refreshBody>;
