import 'server-only';
import * as z from 'zod';

/**
 * The format of ACCOUNTS_FILE (docs/contract.md, "Accounts"): a JSON array of the Alibaba Cloud
 * accounts the dashboard shows, each `{ id, name, accessKeyId, accessKeySecret }` or
 * `{ id, name, profile }` (a profile of the official credentials file), with an optional `endpoint`.
 * Secrets are read here and kept on the server: the browser only ever sees a permitted account's id
 * and name. A problem names the entry and field, never a value (the file holds secrets).
 */
export const ACCOUNT_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,31}$/;

const common = {
  id: z
    .string()
    .regex(ACCOUNT_ID_PATTERN, 'lower-case letters, digits, _ and - only, at most 32, not "all"')
    .refine((id) => id !== 'all', 'lower-case letters, digits, _ and - only, at most 32, not "all"'),
  name: z
    .string()
    .min(1, 'must not be empty')
    .max(64, 'at most 64 characters')
    .refine((name) => !/\p{Cc}/u.test(name), 'must not hold control characters'),
  endpoint: z
    .string()
    .regex(/^(?:https?:\/\/)?[A-Za-z0-9.-]+(?::\d{1,5})?\/?$/, 'must be a host or an http(s) URL')
    .optional(),
};

const keysAccount = z.strictObject({
  ...common,
  accessKeyId: z.string().min(1, 'must not be empty').max(128),
  accessKeySecret: z.string().min(1, 'must not be empty').max(256),
});
const profileAccount = z.strictObject({
  ...common,
  profile: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'a profile name of the credentials file'),
});

const accountsSchema = z
  .array(z.union([keysAccount, profileAccount]))
  .min(1, 'must list at least one account')
  .superRefine((accounts, context) => {
    const ids = new Set<string>();
    for (const [index, account] of accounts.entries()) {
      if (ids.has(account.id))
        context.addIssue({ code: 'custom', path: [index, 'id'], message: 'duplicate' });
      ids.add(account.id);
    }
  });

export type AccountEntry = z.infer<typeof keysAccount> | z.infer<typeof profileAccount>;

/**
 * Parses the file's text. A union's issue would say only "invalid input"; so an entry is checked
 * against the shape it claims (keys when it has `accessKeyId` or `accessKeySecret`, a profile
 * otherwise), and the first problem is named as `ACCOUNTS_FILE[1].accessKeySecret: …`.
 */
export function parseAccountsFile(
  text: string,
): { ok: true; accounts: AccountEntry[] } | { ok: false; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'ACCOUNTS_FILE is not valid JSON' };
  }
  if (Array.isArray(json)) {
    for (const [index, entry] of json.entries()) {
      const claimsKeys =
        typeof entry === 'object' && entry !== null && ('accessKeyId' in entry || 'accessKeySecret' in entry);
      const parsed = (claimsKeys ? keysAccount : profileAccount).safeParse(entry);
      if (!parsed.success) return { ok: false, problem: problemOf(parsed.error, [index]) };
    }
  }
  const parsed = accountsSchema.safeParse(json);
  if (parsed.success) return { ok: true, accounts: parsed.data };
  return { ok: false, problem: problemOf(parsed.error, []) };
}

function problemOf(error: z.ZodError, prefix: PropertyKey[]): string {
  const issue = error.issues[0];
  const path = [...prefix, ...(issue?.path ?? [])];
  const where = path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
  // Unknown keys are named by zod in the message ("Unrecognized key: …"): a key name, never a value.
  return `ACCOUNTS_FILE${where}: ${issue?.message ?? 'invalid'}`;
}
