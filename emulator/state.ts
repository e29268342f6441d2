/**
 * Everything the running emulator remembers: the data clock, the generated data set, tasks created
 * through the API or by started incidents, quotas, nonces, rate buckets, injected faults and the
 * request log. Created by
 * startEmulator; reset through the control endpoint.
 */
import type { EmulatorClock } from './clock';
import { type Dataset, generateDataset } from './dataset';
import { Faults } from './faults';
import {
  type IncidentInput,
  type IncidentSummary,
  type PlannedRow,
  planIncident,
  summarise,
} from './live-incident';
import { NonceCache } from './nonce-cache';
import { MAX_TASKS } from './options';
import { mulberry32, type Random, randomInt } from './prng';
import { QuotaLedger } from './quota';
import { RateLimiter, type RateLimits } from './rate-limiter';
import { RequestLog } from './request-log';
import {
  applySlowdown,
  type Slowdown,
  type SlowdownSummary,
  type SlowIncidentInput,
  slowdownOf,
  slowPlanned,
  summariseSlowdown,
} from './slow-incident';
import type { TaskSource } from './task-query';
import { TaskTable } from './task-table';
import type { ThrottleShape } from './throttling';

export interface DatasetParams {
  seed: number;
  tasks: number;
  startInstant: number;
  /** Block/unblock tasks and Timeout/Canceled endings (see dataset-extended.ts); default off. */
  extendedKinds?: boolean;
}

export interface StateOptions {
  rateLimits: RateLimits | 'off';
  throttleShape: ThrottleShape;
}

/** Distinct streams from one seed, so faults drawn in a test never shift the data of created tasks. */
const CREATED_STREAM = 0x9e3779b9;
const FAULT_STREAM = 0x85ebca6b;
const INCIDENT_STREAM = 0x27d4eb2f;
/** Id gaps of admitted incident tasks: apart from the plans, so reading early or late changes nothing. */
const INCIDENT_ID_STREAM = 0x165667b1;

export class EmulatorState {
  readonly nonces = new NonceCache();
  readonly quota = new QuotaLedger();
  readonly rateLimiter: RateLimiter;
  readonly requestLog = new RequestLog();
  faults: Faults;
  /** The configured shape of throttled answers; a throttling fault may override it. */
  readonly throttleShape: ThrottleShape;
  dataset: Dataset;
  /** Tasks created by RefreshObjectCaches / PushObjectCache and by started incidents, as they came. */
  created = new TaskTable();
  /** Plans (durations, outcome) of created tasks come from here, so they too are reproducible. */
  createdRandom: Random;
  nextTaskId: number;
  params: DatasetParams;
  /** Incidents started through the control endpoint since the last reset, oldest first. */
  incidents: IncidentSummary[] = [];
  /** Slow incidents started since the last reset: a domain's tasks created meanwhile take longer. */
  slowdowns: Slowdown[] = [];
  slowdownSummaries: SlowdownSummary[] = [];
  /** Their tasks still to come, by creation time; they join `created` when their time comes. */
  private planned: PlannedRow[] = [];
  private incidentRandom: Random;
  private incidentIdRandom: Random;

  constructor(
    readonly clock: EmulatorClock,
    params: DatasetParams,
    options: StateOptions,
  ) {
    this.params = params;
    this.dataset = generateDataset(params);
    this.nextTaskId = this.dataset.nextTaskId;
    this.createdRandom = mulberry32(params.seed ^ CREATED_STREAM);
    this.faults = new Faults(mulberry32(params.seed ^ FAULT_STREAM));
    this.incidentRandom = mulberry32(params.seed ^ INCIDENT_STREAM);
    this.incidentIdRandom = mulberry32(params.seed ^ INCIDENT_ID_STREAM);
    this.rateLimiter = new RateLimiter(options.rateLimits);
    this.throttleShape = options.throttleShape;
  }

  now(): number {
    return this.clock.now();
  }

  get source(): TaskSource {
    this.admitPlanned(this.now());
    return { sorted: this.dataset.table, appended: this.created };
  }

  /** Starts an incident now: its tasks arrive over the coming minutes of the data clock. */
  startIncident(input: IncidentInput): IncidentSummary {
    const now = this.now();
    this.admitPlanned(now);
    const rows = planIncident(this.incidentRandom, input, now);
    // A slow incident already running slows the new incident's tasks in its window too.
    for (const slowdown of this.slowdowns) slowPlanned(rows, slowdown);
    this.planned = [...this.planned, ...rows].sort((a, b) => a.createdAt - b.createdAt);
    const summary = summarise(input, now);
    this.incidents.push(summary);
    return summary;
  }

  /** Starts a slow incident (slow-incident.ts): the arrivals already drawn are slowed now. */
  startSlowdown(input: SlowIncidentInput): SlowdownSummary {
    const now = this.now();
    this.admitPlanned(now);
    const slowdown = slowdownOf(input, now);
    applySlowdown(this.dataset.table, this.planned, slowdown);
    this.slowdowns.push(slowdown);
    const summary = summariseSlowdown(input, slowdown);
    this.slowdownSummaries.push(summary);
    return summary;
  }

  /**
   * Lets the clock run again from real time, as a test does after freezing it. The arrivals still to
   * come (the seeded trickle, planned incident tasks) move by the time the clock skips, so the skip
   * brings no backlog of tasks created in the past: a real upstream's clock never jumps, and a
   * client that polls the newest minute would otherwise miss them.
   */
  resumeClock(): void {
    const before = this.now();
    this.admitPlanned(before);
    const skipped = this.clock.resume();
    if (skipped <= 0) return;
    const table = this.dataset.table;
    for (let i = table.upperBound(before); i < table.length; i++)
      table.createdAt[i] = (table.createdAt[i] ?? 0) + skipped;
    for (const row of this.planned) row.createdAt += skipped;
  }

  /**
   * Moves planned incident tasks whose creation time has come into `created`, each with the next task
   * id. Called before every read of the tasks and before ids are handed to new submissions, so ids
   * follow creation time.
   */
  admitPlanned(now: number): void {
    let due = 0;
    while (due < this.planned.length && (this.planned[due]?.createdAt ?? Infinity) <= now) {
      const row = this.planned[due] as PlannedRow;
      this.created.push({ ...row, taskId: this.nextTaskId });
      this.nextTaskId += randomInt(this.incidentIdRandom, 1, 9);
      due++;
    }
    if (due > 0) this.planned = this.planned.slice(due);
  }

  /**
   * Back to a fresh start: regenerates the data set (unspecified values keep their current ones; the
   * start instant defaults to now) and forgets created tasks, started incidents, quotas, nonces, rate
   * buckets, faults and the request log. The clock is left as it is.
   */
  reset(changes: Partial<DatasetParams> = {}): void {
    const tasks = changes.tasks ?? this.params.tasks;
    if (!Number.isInteger(tasks) || tasks < 0 || tasks > MAX_TASKS) {
      throw new RangeError(`tasks must be an integer between 0 and ${MAX_TASKS}`);
    }
    this.params = {
      seed: changes.seed ?? this.params.seed,
      tasks,
      startInstant: changes.startInstant ?? this.clock.now(),
      extendedKinds: changes.extendedKinds ?? this.params.extendedKinds ?? false,
    };
    this.dataset = generateDataset(this.params);
    this.created = new TaskTable();
    this.nextTaskId = this.dataset.nextTaskId;
    this.createdRandom = mulberry32(this.params.seed ^ CREATED_STREAM);
    this.faults = new Faults(mulberry32(this.params.seed ^ FAULT_STREAM));
    this.incidentRandom = mulberry32(this.params.seed ^ INCIDENT_STREAM);
    this.incidentIdRandom = mulberry32(this.params.seed ^ INCIDENT_ID_STREAM);
    this.incidents = [];
    this.slowdowns = [];
    this.slowdownSummaries = [];
    this.planned = [];
    this.nonces.clear();
    this.quota.clear();
    this.rateLimiter.clear();
    this.requestLog.clear();
  }
}
