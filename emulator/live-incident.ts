/**
 * Incidents started on demand (`POST /__emulator/incident`): over the next M minutes of the data
 * clock, N new tasks on one domain and path prefix arrive and fail with one reason. Their plans
 * (times, paths, durations, spellings) are drawn when the incident starts, from a stream of their
 * own; each task gets its id only when its creation time comes, so ids keep growing with time across
 * incident tasks and tasks created through the API alike.
 */
import { z } from 'zod';
import { DOMAINS, objectUrl } from './dataset-catalog';
import { pick, type Random, randomInt } from './prng';
import { type KnownReason, REASON_KEYS, REASON_OUTCOMES, TYPE_FILE, TYPE_PRELOAD } from './task-model';
import type { TaskRow } from './task-table';
import { MINUTE, SECOND } from './utc-time';

/** The longest an incident task waits (Pending) and runs before it ends. */
const LONGEST_PENDING_MS = 20 * SECOND;
const LONGEST_RUN_MS = 3 * MINUTE;
const LONGEST_TASK_MS = LONGEST_PENDING_MS + LONGEST_RUN_MS;

export const MAX_INCIDENT_TASKS = 10_000;
export const MAX_INCIDENT_MINUTES = 24 * 60;

const domainNames = DOMAINS.map((d) => d.name);

export const incidentInputSchema = z.strictObject({
  domain: z
    .string()
    .refine(
      (name) => domainNames.includes(name),
      `must be one of the account's domains: ${domainNames.join(', ')}`,
    ),
  prefix: z
    .string()
    .max(200)
    .regex(/^\/[^\s?#]*$/, 'must start with / and hold no whitespace, ? or #'),
  reason: z.enum(REASON_KEYS),
  tasks: z.number().int().min(1).max(MAX_INCIDENT_TASKS),
  minutes: z.number().positive().max(MAX_INCIDENT_MINUTES),
  /** Refresh (default) or prefetch tasks. */
  objectType: z.enum(['file', 'preload']).optional(),
  /**
   * Every task has ended this many seconds after its creation: the same plan with its waits and runs
   * scaled down, for a demo or a test that wants the failures now without moving the data clock.
   */
  endWithinSeconds: z
    .number()
    .positive()
    .max(LONGEST_TASK_MS / SECOND)
    .optional(),
});
export type IncidentInput = z.infer<typeof incidentInputSchema>;

/** What the control endpoint answers about a started incident. */
export interface IncidentSummary {
  domain: string;
  prefix: string;
  reason: KnownReason;
  objectType: 'file' | 'preload';
  tasks: number;
  minutes: number;
  /** ISO: when it started, and when its window closes (no task is created after `end`). */
  start: string;
  end: string;
}

/** A task planned by an incident, without its id until its creation time comes. */
export type PlannedRow = Omit<TaskRow, 'taskId'>;

/** The rows of one incident, sorted by creation time, all within [now, now + minutes). */
export function planIncident(random: Random, input: IncidentInput, now: number): PlannedRow[] {
  const domain = domainNames.indexOf(input.domain);
  const profile = DOMAINS[domain];
  if (!profile) throw new RangeError(`unknown domain ${input.domain}`);
  const window = input.minutes * MINUTE;
  const type = input.objectType === 'preload' ? TYPE_PRELOAD : TYPE_FILE;
  const seen = new Set<string>();
  const rows: PlannedRow[] = [];
  // The draws stay the same either way, so a seed plans the same incident, only faster.
  const scale = input.endWithinSeconds ? (input.endWithinSeconds * SECOND) / LONGEST_TASK_MS : 1;
  for (let k = 0; k < input.tasks; k++) {
    // Evenly spread with jitter: sorted by construction, never before now, never past the window.
    const at = now + ((k + random()) / input.tasks) * window;
    let path = `${input.prefix}${fileName(random)}`;
    while (seen.has(path)) path = `${input.prefix}${fileName(random)}`;
    seen.add(path);
    rows.push({
      createdAt: Math.max(Math.floor(at / SECOND) * SECOND, Math.ceil(now / SECOND) * SECOND),
      domain,
      type,
      outcome: pick(random, REASON_OUTCOMES[input.reason]),
      pendingMs: Math.floor(randomInt(random, SECOND, LONGEST_PENDING_MS) * scale),
      runMs: Math.floor(randomInt(random, 30 * SECOND, LONGEST_RUN_MS) * scale),
      failAtPercent: randomInt(random, 0, 95),
      bareProcess: false,
      objectPath: objectUrl(profile, path),
    });
  }
  return rows.sort((a, b) => a.createdAt - b.createdAt);
}

function fileName(random: Random): string {
  const stem = pick(random, ['item', 'img', 'asset', 'page', 'data']);
  const ext = pick(random, ['.jpg', '.png', '.webp', '.js', '.css', '.json', '.html']);
  return `${stem}-${randomInt(random, 100000, 999999)}${ext}`;
}

export function summarise(input: IncidentInput, now: number): IncidentSummary {
  return {
    domain: input.domain,
    prefix: input.prefix,
    reason: input.reason,
    objectType: input.objectType ?? 'file',
    tasks: input.tasks,
    minutes: input.minutes,
    start: new Date(now).toISOString(),
    end: new Date(now + input.minutes * MINUTE).toISOString(),
  };
}
