import 'server-only';
import { readStoreSettings } from './settings';

const DAY_MS = 86_400_000;
let historyDays: number | undefined;

/** The start of the dashboard's history at `nowMs`: older rows are pruned, windows clamped to it. */
export function historyStart(nowMs: number): number {
  historyDays ??= readStoreSettings().historyDays;
  return nowMs - historyDays * DAY_MS;
}
