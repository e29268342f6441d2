import 'server-only';
import { z } from 'zod';
import { DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS, MAX_TOKEN_PATHS, TOKEN_SCOPES } from '@/lib/token-types';
import { ACCOUNT_ID_PATTERN } from '../accounts/accounts-file';
import { PATH_SCOPE_ENTRY } from './path-scope';

/** `POST /api/tokens`'s body (docs/tokens.md). */
export const createTokenBody = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(80, 'at most 80 characters')
      .regex(/^[^\p{Cc}]*$/u, 'may not hold control characters'),
    scope: z.enum(TOKEN_SCOPES),
    accounts: z.array(z.string().regex(ACCOUNT_ID_PATTERN, 'an account id')).min(1).max(100).optional(),
    paths: z
      .array(
        z
          .string()
          .trim()
          .regex(PATH_SCOPE_ENTRY, 'a domain, or a domain and a path prefix (img.example.com/static/)'),
      )
      .min(1)
      .max(MAX_TOKEN_PATHS)
      .optional(),
    expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).default(DEFAULT_TOKEN_DAYS),
  })
  .strict();

export type CreateTokenBody = z.infer<typeof createTokenBody>;

/** A token id as newTokenId makes it. */
export const TOKEN_ID_PATTERN = /^tok_[A-Za-z0-9_-]{12}$/;
