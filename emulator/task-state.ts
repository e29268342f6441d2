/**
 * What a task looks like at instant t. Pure: every task carries its plan (created, pending for a while,
 * refreshing for a while, then its planned outcome), so the whole data set "evolves" without timers
 * and any clock, frozen or moved, gives a consistent answer.
 */
import { OUTCOME_CANCELED, OUTCOME_COMPLETE, OUTCOME_TIMEOUT } from './task-model';
import type { TaskTable } from './task-table';

/** Status codes, indexes into TASK_STATUSES. */
export const STATUS_PENDING = 0;
export const STATUS_REFRESHING = 1;
export const STATUS_COMPLETE = 2;
export const STATUS_FAILED = 3;
export const STATUS_TIMEOUT = 4;
export const STATUS_CANCELED = 5;

/**
 * Fraction of the run after which the task stops: 1 for success, failAtPercent/100 for a failure or a
 * cancel, 0 for a timeout (it timed out waiting and never ran, so it goes straight from Pending).
 */
function stopFraction(table: TaskTable, i: number): number {
  const outcome = table.outcome[i] ?? 0;
  if (outcome === OUTCOME_COMPLETE) return 1;
  if (outcome === OUTCOME_TIMEOUT) return 0;
  return (table.failAtPercent[i] ?? 0) / 100;
}

/** The status a task ends in, by its planned outcome. */
export function finalStatus(outcome: number): number {
  if (outcome === OUTCOME_COMPLETE) return STATUS_COMPLETE;
  if (outcome === OUTCOME_TIMEOUT) return STATUS_TIMEOUT;
  if (outcome === OUTCOME_CANCELED) return STATUS_CANCELED;
  return STATUS_FAILED;
}

/** Pending and Refreshing are the only states a task leaves. */
export function isFinal(status: number): boolean {
  return status >= STATUS_COMPLETE;
}

/** The instant (ms) row i leaves Pending/Refreshing for its final status. */
export function endAt(table: TaskTable, i: number): number {
  const started = (table.createdAt[i] ?? 0) + (table.pendingMs[i] ?? 0);
  return started + (table.runMs[i] ?? 0) * stopFraction(table, i);
}

/** Status code of row i at t. No allocation: this is the hot loop of every query. */
export function statusAt(table: TaskTable, i: number, t: number): number {
  const started = (table.createdAt[i] ?? 0) + (table.pendingMs[i] ?? 0);
  if (t < started) return STATUS_PENDING;
  if (t < started + (table.runMs[i] ?? 0) * stopFraction(table, i)) return STATUS_REFRESHING;
  return finalStatus(table.outcome[i] ?? 0);
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
