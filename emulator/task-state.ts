/**
 * What a task looks like at instant t. Pure: every task carries its plan (created, pending for a while,
 * refreshing for a while, then its planned outcome), so the whole data set "evolves" without timers
 * and any clock, frozen or moved, gives a consistent answer.
 */
import { OUTCOME_COMPLETE } from './task-model';
import type { TaskTable } from './task-table';

/** Status codes, indexes into TASK_STATUSES. */
export const STATUS_PENDING = 0;
export const STATUS_REFRESHING = 1;
export const STATUS_COMPLETE = 2;
export const STATUS_FAILED = 3;

/** Fraction of the run after which the task stops: 1 for success, failAtPercent/100 for failure. */
function stopFraction(table: TaskTable, i: number): number {
  return (table.outcome[i] ?? 0) === OUTCOME_COMPLETE ? 1 : (table.failAtPercent[i] ?? 0) / 100;
}

/** Status code of row i at t. No allocation: this is the hot loop of every query. */
export function statusAt(table: TaskTable, i: number, t: number): number {
  const started = (table.createdAt[i] ?? 0) + (table.pendingMs[i] ?? 0);
  if (t < started) return STATUS_PENDING;
  if (t < started + (table.runMs[i] ?? 0) * stopFraction(table, i)) return STATUS_REFRESHING;
  return (table.outcome[i] ?? 0) === OUTCOME_COMPLETE ? STATUS_COMPLETE : STATUS_FAILED;
}

/** Progress 0–100 at t, easing out (fast start, slow tail) like edge nodes reporting in. */
export function progressAt(table: TaskTable, i: number, t: number): number {
  const started = (table.createdAt[i] ?? 0) + (table.pendingMs[i] ?? 0);
  if (t < started) return 0;
  const stop = stopFraction(table, i);
  const x = Math.min((t - started) / Math.max(table.runMs[i] ?? 0, 1), stop);
  if (x >= 1) return 100;
  return Math.floor((1 - (1 - x) ** 2) * 10000) / 100;
}

/** "100%", "37.5%", "0%"; or bare "37.5" for the few tasks that answer the way some real ones do. */
export function formatProcess(progress: number, bare: boolean): string {
  const text = String(Math.round(progress * 100) / 100);
  return bare ? text : `${text}%`;
}
