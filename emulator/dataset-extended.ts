/**
 * The extended kinds of the data set (option `extendedKinds`): block and unblock tasks on the account's
 * domains, and the final states Timeout and Canceled for a small share of every kind of task.
 *
 * Everything here draws from its own random stream, and the rows of the base data set keep their
 * times, ids and paths: switching the option on adds rows and changes the final state of a few, and
 * with it off the data set is exactly the base one, so that a seed always names the same world.
 */
import { DOMAINS, type DomainProfile, objectUrl } from './dataset-catalog';
import { exponential, mulberry32, pick, type Random, randomInt } from './prng';
import {
  OUTCOME_CANCELED,
  OUTCOME_COMPLETE,
  OUTCOME_TIMEOUT,
  REASON_OUTCOMES,
  TYPE_BLOCK,
  TYPE_UNBLOCK,
} from './task-model';
import { type TaskRow, TaskTable } from './task-table';
import { DAY, MINUTE, SECOND } from './utc-time';

/** XORed into the seed: a stream no other part of the emulator draws from. */
const EXTENDED_STREAM = 0xc2b2ae35;

/** Block/unblock rows as a share of the base rows, before and after the start instant. */
const BLOCK_SHARE = 0.015;
const UNBLOCK_SHARE_OF_BLOCKS = 0.3;
/** Shares of every row (base or block) that end in Timeout and in Canceled. */
const TIMEOUT_SHARE = 0.005;
const CANCELED_SHARE = 0.005;
/** Block rules are pushed to the edge without the origin, so they fail rarely and only internally. */
const BLOCK_FAILURE_SHARE = 0.06;
/** Base arrivals after the start instant average one per 30 s; blocks are BLOCK_SHARE of that. */
const TRICKLE_MEAN_GAP = (30 * SECOND) / BLOCK_SHARE;
const TRICKLE_HORIZON = 3 * DAY;

export interface ExtendedParams {
  seed: number;
  /** Base rows visible at the start instant: the block rows before it are BLOCK_SHARE of these. */
  tasks: number;
  /** Whole second. */
  start: number;
}

/**
 * The base table with Timeout/Canceled outcomes on a few rows and the block/unblock rows merged in,
 * still sorted by creation time; and the next free task id.
 */
export function withExtendedKinds(
  base: TaskTable,
  params: ExtendedParams,
): { table: TaskTable; lastTaskId: number } {
  const random = mulberry32(params.seed ^ EXTENDED_STREAM);
  const blocks = blockRows(random, params);
  const table = new TaskTable(base.length + blocks.length);
  let lastTaskId = base.length > 0 ? (base.taskId[0] ?? 0) - 41 : 15_000_000_000;
  let b = 0;
  for (let i = 0; i <= base.length; i++) {
    const nextId = i < base.length ? (base.taskId[i] ?? 0) : Number.POSITIVE_INFINITY;
    const nextAt = i < base.length ? (base.createdAt[i] ?? 0) : Number.POSITIVE_INFINITY;
    // A block row goes before base row i once its time has come, in a gap of the id sequence so ids
    // stay unique and grow with time. Without a gap here it waits for the next one, taking the time
    // of the row before it (a few seconds later at most).
    for (let block = blocks[b]; block !== undefined && nextId - lastTaskId >= 2; block = blocks[b]) {
      if (block.createdAt >= nextAt) break;
      lastTaskId += 1;
      table.push({ ...block, createdAt: Math.max(block.createdAt, at(table)), taskId: lastTaskId });
      b++;
    }
    if (i === base.length) break;
    const row = rowOf(base, i);
    table.push(row.outcome === OUTCOME_COMPLETE ? withRareEnding(random, row) : row);
    lastTaskId = row.taskId;
  }
  return { table, lastTaskId };
}

function at(table: TaskTable): number {
  return table.length > 0 ? (table.createdAt[table.length - 1] ?? 0) : Number.NEGATIVE_INFINITY;
}

function rowOf(table: TaskTable, i: number): TaskRow {
  return {
    createdAt: table.createdAt[i] ?? 0,
    taskId: table.taskId[i] ?? 0,
    domain: table.domain[i] ?? 0,
    type: table.type[i] ?? 0,
    outcome: table.outcome[i] ?? 0,
    pendingMs: table.pendingMs[i] ?? 0,
    runMs: table.runMs[i] ?? 0,
    failAtPercent: table.failAtPercent[i] ?? 0,
    bareProcess: (table.bareProcess[i] ?? 0) === 1,
    objectPath: table.objectPath[i] ?? '',
  };
}

/**
 * About 0.5 % of rows time out and 0.5 % are canceled instead of completing. A timed-out task never
 * ran: it waited 10–30 minutes and gave up, so it goes from Pending straight to Timeout at 0 %. A
 * canceled one stops where it was, Pending or part way through its run.
 */
function withRareEnding(random: Random, row: TaskRow): TaskRow {
  const roll = random();
  if (roll < TIMEOUT_SHARE) {
    return { ...row, outcome: OUTCOME_TIMEOUT, pendingMs: timeoutWait(random) };
  }
  if (roll < TIMEOUT_SHARE + CANCELED_SHARE) return { ...row, outcome: OUTCOME_CANCELED };
  return row;
}

/** How long a task that times out waits before it gives up. */
function timeoutWait(random: Random): number {
  return randomInt(random, 10 * MINUTE, 30 * MINUTE);
}

/** Block rows (without ids yet) over the 3 days before the start instant and the 3 days after it. */
function blockRows(random: Random, params: ExtendedParams): TaskRow[] {
  const rows: TaskRow[] = [];
  const before = params.tasks === 0 ? 0 : Math.max(3, Math.round(params.tasks * BLOCK_SHARE));
  const windowStart = params.start - 3 * DAY + SECOND;
  for (let k = 0; k < before; k++) {
    rows.push(blockRow(random, windowStart + random() * (params.start - windowStart)));
  }
  for (let t = params.start + exponential(random, TRICKLE_MEAN_GAP); t < params.start + TRICKLE_HORIZON; ) {
    rows.push(blockRow(random, t));
    t += exponential(random, TRICKLE_MEAN_GAP);
  }
  return rows.sort((a, b) => a.createdAt - b.createdAt);
}

function blockRow(random: Random, at: number): TaskRow {
  const domain = randomInt(random, 0, DOMAINS.length - 1);
  const profile = DOMAINS[domain] as DomainProfile;
  const outcome = blockOutcome(random);
  return {
    createdAt: Math.floor(at / SECOND) * SECOND,
    taskId: 0,
    domain,
    type: random() < UNBLOCK_SHARE_OF_BLOCKS ? TYPE_UNBLOCK : TYPE_BLOCK,
    outcome,
    pendingMs: outcome === OUTCOME_TIMEOUT ? timeoutWait(random) : randomInt(random, SECOND, 15 * SECOND),
    runMs: randomInt(random, 10 * SECOND, 3 * MINUTE),
    failAtPercent: randomInt(random, 0, 95),
    bareProcess: false,
    objectPath: objectUrl(profile, profile.file(random)),
  };
}

function blockOutcome(random: Random): number {
  const roll = random();
  if (roll < BLOCK_FAILURE_SHARE) return pick(random, REASON_OUTCOMES['internal-error']);
  if (roll < BLOCK_FAILURE_SHARE + TIMEOUT_SHARE) return OUTCOME_TIMEOUT;
  if (roll < BLOCK_FAILURE_SHARE + TIMEOUT_SHARE + CANCELED_SHARE) return OUTCOME_CANCELED;
  return OUTCOME_COMPLETE;
}
