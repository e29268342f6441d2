/**
 * Slow incidents (`POST /__emulator/incident { "kind": "slow", "domain", "factor", "minutes" }`):
 * for the next M minutes of the data clock, every task of one domain that is created takes `factor`
 * times longer, pending and running: the seeded trickle still to come, planned incident tasks and
 * tasks created through the API alike. What the dashboard's time to finish and its p90 alert watch.
 */
import { z } from 'zod';
import { DOMAINS } from './dataset-catalog';
import type { PlannedRow } from './live-incident';
import { MAX_INCIDENT_MINUTES } from './live-incident';
import type { TaskTable } from './task-table';
import { MINUTE } from './utc-time';

const domainNames = DOMAINS.map((d) => d.name);
/** The task table keeps durations in 32 bits of milliseconds (49 days). */
const MAX_MS = 0xffff_ffff;

export const slowIncidentSchema = z.strictObject({
  kind: z.literal('slow'),
  domain: z
    .string()
    .refine(
      (name) => domainNames.includes(name),
      `must be one of the account's domains: ${domainNames.join(', ')}`,
    ),
  factor: z.number().min(1).max(100),
  minutes: z.number().positive().max(MAX_INCIDENT_MINUTES),
});
export type SlowIncidentInput = z.infer<typeof slowIncidentSchema>;

export interface SlowdownSummary {
  kind: 'slow';
  domain: string;
  factor: number;
  minutes: number;
  /** ISO: tasks created in [start, end) are slowed. */
  start: string;
  end: string;
}

export interface Slowdown {
  domain: number;
  factor: number;
  startMs: number;
  endMs: number;
}

export function slowdownOf(input: SlowIncidentInput, now: number): Slowdown {
  return {
    domain: domainNames.indexOf(input.domain),
    factor: input.factor,
    startMs: now,
    endMs: now + input.minutes * MINUTE,
  };
}

export function summariseSlowdown(input: SlowIncidentInput, slowdown: Slowdown): SlowdownSummary {
  return {
    kind: 'slow',
    domain: input.domain,
    factor: input.factor,
    minutes: input.minutes,
    start: new Date(slowdown.startMs).toISOString(),
    end: new Date(slowdown.endMs).toISOString(),
  };
}

/** The factor a task of `domain` created at `createdAt` takes longer by (1: not slowed). */
export function slowFactor(slowdowns: readonly Slowdown[], domain: number, createdAt: number): number {
  let factor = 1;
  for (const s of slowdowns)
    if (s.domain === domain && createdAt >= s.startMs && createdAt < s.endMs) factor *= s.factor;
  return factor;
}

const slowed = (ms: number, factor: number) => Math.min(MAX_MS, Math.round(ms * factor));

/**
 * Slows the arrivals already drawn that fall in the slowdown: the seeded rows of the table still to
 * come (their creation after `now`) and planned incident rows. Tasks created later through the API
 * ask slowFactor when they are made.
 */
export function applySlowdown(table: TaskTable, planned: PlannedRow[], slowdown: Slowdown): void {
  for (let i = table.upperBound(slowdown.startMs - 1); i < table.length; i++) {
    const createdAt = table.createdAt[i] ?? 0;
    if (createdAt >= slowdown.endMs) break;
    if (table.domain[i] !== slowdown.domain) continue;
    table.pendingMs[i] = slowed(table.pendingMs[i] ?? 0, slowdown.factor);
    table.runMs[i] = slowed(table.runMs[i] ?? 0, slowdown.factor);
  }
  slowPlanned(planned, slowdown);
}

/** Slows the planned incident rows that fall in the slowdown (also those of an incident started during it). */
export function slowPlanned(planned: PlannedRow[], slowdown: Slowdown): void {
  for (const row of planned) {
    if (row.domain !== slowdown.domain || row.createdAt < slowdown.startMs || row.createdAt >= slowdown.endMs)
      continue;
    row.pendingMs = slowed(row.pendingMs, slowdown.factor);
    row.runMs = slowed(row.runMs, slowdown.factor);
  }
}
