/**
 * Turning submitted URLs (already checked by object-paths.ts) into tasks, as RefreshObjectCaches and
 * PushObjectCache do: appends rows that evolve like the generated ones. URLs of one domain submitted
 * together share a task id (the real service merges them); directories and regexes get one id each.
 */
import type { Submitted } from './object-paths';
import { pick, type Random, randomInt } from './prng';
import { slowFactor } from './slow-incident';
import type { EmulatorState } from './state';
import {
  OUTCOME_COMPLETE,
  OUTCOME_INTERNAL_ERROR,
  OUTCOME_ORIGIN_5XX,
  OUTCOME_ORIGIN_TIMEOUT,
} from './task-model';
import { MINUTE, SECOND } from './utc-time';

/** Mostly successful: a client's own submissions are what it watches complete. Both spellings occur. */
function plannedOutcome(random: Random): number {
  if (random() < 0.96) return OUTCOME_COMPLETE;
  return (
    pick(random, [OUTCOME_INTERNAL_ERROR, OUTCOME_ORIGIN_TIMEOUT, OUTCOME_ORIGIN_5XX]) +
    randomInt(random, 0, 1)
  );
}

/** Appends one task per URL; returns the distinct task ids in submission order. */
export function createTasks(
  state: EmulatorState,
  submitted: Submitted[],
  type: number,
  merge: boolean,
  now: number,
): string[] {
  state.admitPlanned(now);
  const random = state.createdRandom;
  const createdAt = Math.floor(now / SECOND) * SECOND;
  const idByDomain = new Map<number, number>();
  const ids: number[] = [];
  for (const { url, domain } of submitted) {
    const slow = slowFactor(state.slowdowns, domain, createdAt);
    let taskId = merge ? idByDomain.get(domain) : undefined;
    if (taskId === undefined) {
      taskId = state.nextTaskId;
      state.nextTaskId += randomInt(random, 1, 9);
      idByDomain.set(domain, taskId);
      ids.push(taskId);
    }
    state.created.push({
      createdAt,
      taskId,
      domain,
      type,
      outcome: plannedOutcome(random),
      // Drawn whatever the slowdown, so a slow incident changes no other draw of the stream.
      pendingMs: Math.round(randomInt(random, SECOND, 10 * SECOND) * slow),
      runMs: Math.round(randomInt(random, 10 * SECOND, 3 * MINUTE) * slow),
      failAtPercent: randomInt(random, 0, 95),
      bareProcess: false,
      objectPath: url,
    });
  }
  return ids.map(String);
}
