import 'server-only';
import { z } from 'zod';

/**
 * The /activity page's filter, from its address: `user` (a user's or token's name), `domain`, and
 * `from`/`to` (days, `YYYY-MM-DD`, UTC). A bad value is named and left out, never passed on.
 */
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const filterSchema = z.object({
  user: z.string().trim().min(1).max(80).optional(),
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/, 'a domain')
    .optional(),
  from: z.string().regex(DAY, 'a day (YYYY-MM-DD)').refine(isDay, 'a day (YYYY-MM-DD)').optional(),
  to: z.string().regex(DAY, 'a day (YYYY-MM-DD)').refine(isDay, 'a day (YYYY-MM-DD)').optional(),
});

export type ActivityPageFilter = z.infer<typeof filterSchema>;

function isDay(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

type SearchParams = Record<string, string | string[] | undefined>;

export function readActivityFilter(params: SearchParams): { filter: ActivityPageFilter; invalid: string[] } {
  const filter: ActivityPageFilter = {};
  const invalid: string[] = [];
  for (const key of ['user', 'domain', 'from', 'to'] as const) {
    const raw = params[key];
    if (raw === undefined || raw === '') continue;
    const single = filterSchema.shape[key].safeParse(Array.isArray(raw) ? undefined : raw);
    if (single.success && single.data !== undefined) filter[key] = single.data;
    else invalid.push(key);
  }
  return { filter, invalid };
}

/** The filter's time bounds: `from` at 00:00 UTC, `to` through 23:59:59.999 UTC. */
export function activityWindow(filter: ActivityPageFilter): { from: Date | null; to: Date | null } {
  return {
    from: filter.from ? new Date(`${filter.from}T00:00:00Z`) : null,
    to: filter.to ? new Date(Date.parse(`${filter.to}T00:00:00Z`) + 86_400_000 - 1) : null,
  };
}
