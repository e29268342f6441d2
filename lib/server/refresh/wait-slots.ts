/**
 * How many `POST /api/refresh?wait=N` may be waiting at once: each holds its connection for up to a
 * quarter of an hour and reads its tasks from the store every 2 s, and an idempotent replay waits
 * again without spending any quota. So one caller (a user, or each API token) may have
 * WAITS_PER_CALLER waiting and one instance WAITS_PER_INSTANCE; more get 429 `TooManyWaits` with
 * Retry-After, before anything is submitted (docs/public-api.md). The slots are the exports' kind.
 */
import 'server-only';
import { processSingleton } from '@/lib/node/process-singleton';
import { type ExportSlots, exportSlots } from '../tasks/export-slots';

export const WAITS_PER_CALLER = 5;
export const WAITS_PER_INSTANCE = 200;

export function processWaitSlots(): ExportSlots {
  return processSingleton('refresh-wait-slots', () => exportSlots(WAITS_PER_INSTANCE, WAITS_PER_CALLER));
}
