/**
 * PushObjectCache: prefetch URLs onto the edge (or only L2 nodes). At most 100 URLs per request and
 * 1,000 a day; every prefetch spends the Preload quota, edge prefetches the PreloadEdge quota too.
 */
import type { ActionContext, ActionResult } from './action-context';
import { invalidParameter } from './api-error';
import { parseObjectPaths } from './object-paths';
import { checkBatch, quotaExceeded } from './submission-limits';
import { createTasks } from './task-creation';
import { TYPE_PRELOAD } from './task-model';

const MAX_PER_REQUEST = 100;

export function pushObjectCache({ params, state, now }: ActionContext): ActionResult {
  params.oneOf('Area', ['domestic', 'overseas'], () =>
    invalidParameter('Area', 'It must be domestic or overseas.'),
  );
  const l2Only = params.boolean('L2Preload', false);
  params.boolean('QueryHashkey', false);
  const withHeader = params.get('WithHeader');
  if (withHeader !== undefined && !isJsonObject(withHeader)) {
    throw invalidParameter('WithHeader', 'It must be a JSON object of header names and values.');
  }
  const submitted = parseObjectPaths(params.required('ObjectPath'));
  checkBatch(submitted, MAX_PER_REQUEST, 'URLs', 'InvalidObjectPath.ExceedsMaximum');
  const n = submitted.length;
  if (state.quota.spend(l2Only ? { Preload: n } : { Preload: n, PreloadEdge: n }, now)) {
    throw quotaExceeded('Preload');
  }
  return { PushTaskId: createTasks(state, submitted, TYPE_PRELOAD, true, now).join(',') };
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
