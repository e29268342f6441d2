/**
 * The control endpoint's view of the daily quotas: `GET /__emulator/quota` reads them as numbers,
 * `POST /__emulator/quota {"UrlRemain": 2, "DirQuota": 5, …}` sets a quota or today's remainder, so
 * tests can reach "quota exceeded" without thousands of calls.
 */
import { z } from 'zod';
import { beijingDay, QUOTA_KINDS, type QuotaKind } from './quota';
import type { EmulatorState } from './state';

const count = z.number().int().min(0).max(1_000_000_000);

const fields: Record<string, typeof count> = {};
for (const kind of QUOTA_KINDS) {
  fields[`${kind}Quota`] = count;
  fields[`${kind}Remain`] = count;
}

export const quotaInputSchema = z.strictObject(fields).partial();
export type QuotaInput = Partial<Record<`${QuotaKind}Quota` | `${QuotaKind}Remain`, number>>;

/** Every kind's quota and today's remainder, and the Beijing day they count. */
export function quotaView(state: EmulatorState): Record<string, number | string> {
  const now = state.now();
  const view: Record<string, number | string> = { day: beijingDay(now) };
  for (const kind of QUOTA_KINDS) {
    view[`${kind}Quota`] = state.quota.quota(kind);
    view[`${kind}Remain`] = state.quota.remaining(kind, now);
  }
  return view;
}

/** Applies quotas first, then remainders; a remainder above its (new) quota is refused, naming it. */
export function applyQuotaInput(state: EmulatorState, body: unknown): void {
  const input = quotaInputSchema.parse(body ?? {}) as QuotaInput;
  const now = state.now();
  for (const kind of QUOTA_KINDS) {
    const remain = input[`${kind}Remain`];
    const quota = input[`${kind}Quota`] ?? state.quota.quota(kind);
    if (remain !== undefined && remain > quota) {
      throw new RangeError(`${kind}Remain (${remain}) must not exceed ${kind}Quota (${quota})`);
    }
  }
  for (const kind of QUOTA_KINDS) {
    const quota = input[`${kind}Quota`];
    if (quota !== undefined) state.quota.setQuota(kind, quota);
  }
  for (const kind of QUOTA_KINDS) {
    const remain = input[`${kind}Remain`];
    if (remain !== undefined) state.quota.setRemaining(kind, remain, now);
  }
}
