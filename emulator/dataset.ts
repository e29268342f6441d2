/**
 * The seeded data set: `tasks` tasks spread over the 3 days before the start instant, an Origin Timeout
 * incident on one domain and path prefix, and a trickle of tasks arriving after the start instant.
 * The same (seed, tasks, start instant) always yields the same table.
 */
import {
  DOMAINS,
  type DomainProfile,
  INCIDENT_DOMAIN,
  INCIDENT_PREFIX,
  incidentFilePath,
  objectUrl,
} from './dataset-catalog';
import { withExtendedKinds } from './dataset-extended';
import { exponential, mulberry32, type Random, randomInt, weighted } from './prng';
import {
  OUTCOME_COMPLETE,
  OUTCOME_INTERNAL_ERROR,
  OUTCOME_ORIGIN_5XX,
  OUTCOME_ORIGIN_TIMEOUT,
  TYPE_DIRECTORY,
  TYPE_FILE,
  TYPE_PRELOAD,
  TYPE_REGEX,
} from './task-model';
import { type TaskRow, TaskTable } from './task-table';
import { DAY, HOUR, MINUTE, SECOND } from './utc-time';

export interface DatasetOptions {
  seed: number;
  /** Tasks visible (created in the last 3 days) at the start instant; extended kinds come on top. */
  tasks: number;
  startInstant: number;
  /** Block/unblock rows and Timeout/Canceled endings on top of the base set (dataset-extended.ts). */
  extendedKinds?: boolean;
}

export interface Incident {
  domain: string;
  prefix: string;
  start: number;
  end: number;
}

export interface Dataset {
  table: TaskTable;
  incident: Incident;
  /** Ids above every generated id: tasks created through the API continue from here. */
  nextTaskId: number;
}

/** How long the trickle of new tasks lasts after the start instant, and its mean spacing. */
const TRICKLE_HORIZON = 3 * DAY;
const TRICKLE_MEAN_GAP = 30 * SECOND;
/** The incident: 45 minutes, starting 5 hours before the start instant. */
const INCIDENT_OFFSET = 5 * HOUR;
const INCIDENT_LENGTH = 45 * MINUTE;
const RECENT_WINDOW = 2 * MINUTE;

type TypeKey = 'file' | 'directory' | 'regex' | 'preload';
const TYPE_CODES: Record<TypeKey, number> = {
  file: TYPE_FILE,
  directory: TYPE_DIRECTORY,
  regex: TYPE_REGEX,
  preload: TYPE_PRELOAD,
};
const TYPE_WEIGHTS: Record<TypeKey, number> = { file: 66, directory: 10, regex: 2, preload: 22 };
/** Background failure probability per type: prefetch pulls from origin, so it fails most. */
const FAILURE_RATE: Record<TypeKey, number> = { file: 0.03, directory: 0.04, regex: 0.05, preload: 0.07 };

/** A submission: one or more rows created in the same second on one domain with one type. */
interface Batch {
  createdAt: number;
  domain: number;
  type: TypeKey;
  size: number;
  incident: boolean;
}

export function generateDataset(options: DatasetOptions): Dataset {
  const random = mulberry32(options.seed);
  const start = Math.floor(options.startInstant / SECOND) * SECOND;
  const incident: Incident = {
    domain: INCIDENT_DOMAIN,
    prefix: INCIDENT_PREFIX,
    start: start - INCIDENT_OFFSET,
    end: start - INCIDENT_OFFSET + INCIDENT_LENGTH,
  };
  const batches = [
    ...initialBatches(random, options.tasks, start, incident),
    ...trickleBatches(random, start),
  ].sort((a, b) => a.createdAt - b.createdAt);

  const table = new TaskTable(options.tasks + Math.ceil((TRICKLE_HORIZON / TRICKLE_MEAN_GAP) * 1.5));
  let taskId = 15_000_000_000 + randomInt(random, 0, 999_999_999);
  for (const batch of batches) {
    // File and prefetch URLs of one domain submitted in the same second share one task id, as the
    // real service merges them; directories and regexes get one id each.
    const shareId = batch.type === 'file' || batch.type === 'preload';
    taskId += randomInt(random, 1, 40);
    if (shareId) {
      for (const row of sharedIdRows(random, batch, taskId)) table.push(row);
      continue;
    }
    for (let k = 0; k < batch.size; k++) {
      if (k > 0) taskId += randomInt(random, 1, 3);
      table.push(makeRow(random, batch, taskId));
    }
  }
  if (!options.extendedKinds) return { table, incident, nextTaskId: taskId + 1_000_000 };
  const extended = withExtendedKinds(table, { seed: options.seed, tasks: options.tasks, start });
  return { table: extended.table, incident, nextTaskId: extended.lastTaskId + 1_000_000 };
}

/**
 * The rows of one task id. The service lists a URL once per task, so a URL drawn twice gets a
 * cache-busting query; and rows of one id are stored so that the newest-first scan (which walks the
 * table backwards) returns them by object path, ascending — the same order the dashboard uses.
 */
function sharedIdRows(random: Random, batch: Batch, taskId: number): TaskRow[] {
  const seen = new Set<string>();
  const rows: TaskRow[] = [];
  for (let k = 0; k < batch.size; k++) {
    const row = makeRow(random, batch, taskId);
    let path = row.objectPath;
    for (let n = 2; seen.has(path); n++)
      path = `${row.objectPath}${row.objectPath.includes('?') ? '&' : '?'}v=${n}`;
    seen.add(path);
    rows.push({ ...row, objectPath: path });
  }
  return rows.sort((a, b) => (a.objectPath < b.objectPath ? 1 : a.objectPath > b.objectPath ? -1 : 0));
}

/** Exactly `count` rows within (start − 3 days, start], including the incident's rows. */
function initialBatches(random: Random, count: number, start: number, incident: Incident): Batch[] {
  const batches: Batch[] = [];
  const incidentRows = count === 0 ? 0 : Math.min(count, Math.max(12, Math.round(count * 0.03)));
  const incidentDomain = DOMAINS.findIndex((d) => d.name === incident.domain);
  let remaining = incidentRows;
  while (remaining > 0) {
    const size = Math.min(remaining, randomInt(random, 1, 6));
    const at = incident.start + random() * (incident.end - incident.start);
    batches.push({
      createdAt: toSecond(at),
      domain: incidentDomain,
      type: random() < 0.6 ? 'file' : 'preload',
      size,
      incident: true,
    });
    remaining -= size;
  }
  remaining = count - incidentRows;
  // About 1% land in the last two minutes, so a fresh start already shows tasks in flight.
  let recent = Math.min(remaining, Math.max(10, Math.round(count * 0.01)));
  const windowStart = start - 3 * DAY + SECOND;
  while (remaining > 0) {
    const type = weighted(random, TYPE_WEIGHTS);
    const size = Math.min(remaining, recent > 0 ? Math.min(recent, 3) : batchSize(random, type));
    const at = recent > 0 ? start - random() * RECENT_WINDOW : diurnalInstant(random, windowStart, start);
    recent -= size;
    batches.push({
      createdAt: toSecond(at),
      domain: pickDomain(random),
      type,
      size,
      incident: false,
    });
    remaining -= size;
  }
  return batches;
}

/** Mostly single tasks, every ~30 s on average, for three days after the start instant. */
function trickleBatches(random: Random, start: number): Batch[] {
  const batches: Batch[] = [];
  for (let at = start + exponential(random, TRICKLE_MEAN_GAP); at < start + TRICKLE_HORIZON; ) {
    const type = weighted(random, TYPE_WEIGHTS);
    batches.push({
      createdAt: toSecond(at),
      domain: pickDomain(random),
      type,
      size: random() < 0.85 ? 1 : randomInt(random, 2, 4),
      incident: false,
    });
    at += exponential(random, TRICKLE_MEAN_GAP);
  }
  return batches;
}

function batchSize(random: Random, type: TypeKey): number {
  const roll = random();
  switch (type) {
    case 'file':
      return roll < 0.6 ? 1 : roll < 0.85 ? randomInt(random, 2, 8) : randomInt(random, 10, 80);
    case 'preload':
      return roll < 0.5 ? 1 : roll < 0.8 ? randomInt(random, 2, 20) : randomInt(random, 20, 100);
    case 'directory':
      return roll < 0.85 ? 1 : randomInt(random, 2, 5);
    case 'regex':
      return 1;
  }
}

function pickDomain(random: Random): number {
  const weights: Record<string, number> = {};
  for (const [i, d] of DOMAINS.entries()) weights[i] = d.weight;
  return Number(weighted(random, weights));
}

/** Uniform in [from, to], thinned so that more tasks land in (Beijing) office hours. */
function diurnalInstant(random: Random, from: number, to: number): number {
  for (;;) {
    const t = from + random() * (to - from);
    const hourUtc = (t % DAY) / HOUR;
    const weight = 0.55 + 0.45 * Math.cos((2 * Math.PI * (hourUtc - 6)) / 24);
    if (random() < weight) return t;
  }
}

const toSecond = (ms: number) => Math.floor(ms / SECOND) * SECOND;

function makeRow(random: Random, batch: Batch, taskId: number): TaskRow {
  const domain = DOMAINS[batch.domain] as DomainProfile;
  const path = batch.incident
    ? objectUrl(domain, incidentFilePath(random))
    : pathFor(random, domain, batch.type);
  return {
    createdAt: batch.createdAt,
    taskId,
    domain: batch.domain,
    type: TYPE_CODES[batch.type],
    outcome: batch.incident ? incidentOutcome(random) : backgroundOutcome(random, batch.type),
    pendingMs:
      random() < 0.03 ? randomInt(random, 5 * MINUTE, 30 * MINUTE) : randomInt(random, SECOND, 20 * SECOND),
    runMs: Math.round(runMs(random, batch.type) * domain.runFactor),
    failAtPercent: randomInt(random, 0, 95),
    bareProcess: random() < 0.01,
    objectPath: path,
  };
}

function pathFor(random: Random, domain: DomainProfile, type: TypeKey): string {
  if (type === 'directory') return objectUrl(domain, domain.directory(random));
  if (type === 'regex') return objectUrl(domain, domain.regex(random));
  return objectUrl(domain, domain.file(random));
}

/** Both spellings of each reason occur; the SDK-style one slightly less often. */
function failure(random: Random, base: number): number {
  return base + (random() < 0.45 ? 1 : 0);
}

function incidentOutcome(random: Random): number {
  const roll = random();
  if (roll < 0.85) return failure(random, OUTCOME_ORIGIN_TIMEOUT);
  if (roll < 0.9) return failure(random, OUTCOME_ORIGIN_5XX);
  return OUTCOME_COMPLETE;
}

function backgroundOutcome(random: Random, type: TypeKey): number {
  if (random() >= FAILURE_RATE[type]) return OUTCOME_COMPLETE;
  const reason = weighted(random, { internal: 30, timeout: 35, status5xx: 35 });
  const base =
    reason === 'internal'
      ? OUTCOME_INTERNAL_ERROR
      : reason === 'timeout'
        ? OUTCOME_ORIGIN_TIMEOUT
        : OUTCOME_ORIGIN_5XX;
  return failure(random, base);
}

/** Planned run time; about 2% get stuck for hours, as real long-tail tasks do. */
function runMs(random: Random, type: TypeKey): number {
  if (random() < 0.02) return randomInt(random, 2 * HOUR, 8 * HOUR);
  switch (type) {
    case 'file':
      return randomInt(random, 5 * SECOND, 2 * MINUTE);
    case 'preload':
      return randomInt(random, 30 * SECOND, 20 * MINUTE);
    case 'directory':
      return randomInt(random, MINUTE, 15 * MINUTE);
    case 'regex':
      return randomInt(random, 2 * MINUTE, 30 * MINUTE);
  }
}
