/**
 * A SyncContext for one step's unit tests: a real store (PGlite in memory, opened by the test file),
 * a fake data clock the test moves, pacers on a clock of their own whose waits end at once (so a
 * test can read how long the calls would have been spread over), and a stub upstream that answers
 * from a list of tasks the way DescribeRefreshTasks and DescribeRefreshTaskById do
 * (docs/upstream-api.md: newest first, both ends inclusive, paged), recording every call.
 */
import 'server-only';
import type { Task } from '@/lib/task';
import { isoSeconds } from '@/lib/time-range';
import { logger } from '../../logger';
import { metrics } from '../../metrics';
import type { Store } from '../../store/database';
import type { DescribeRefreshTasksParams } from '../../upstream/cdn';
import { CallStats, type SyncPurpose } from '../call-stats';
import { Pacer } from '../pacer';
import { readSyncSettings, type SyncSettings } from '../settings';
import type { UpstreamReader } from '../upstream-reader';
import { ChangeTracker, ReadTimes, type SyncContext, SyncStateRecord } from './sync-context';

/** 2026-12-01T12:00:00Z: a fixed data clock, far from any time of day the test runs at. */
export const T0 = Date.parse('2026-12-01T12:00:00Z');
export const MINUTE = 60_000;
export const DOMAIN = 'img.example.com';

export function task(id: string, createdAtMs: number, fields: Partial<Task> = {}): Task {
  return {
    taskId: id,
    objectPath: `https://${fields.domain ?? DOMAIN}/${id}.png`,
    objectType: 'file',
    status: 'Complete',
    progress: 100,
    createdAt: isoSeconds(createdAtMs),
    domain: DOMAIN,
    description: null,
    reason: null,
    ...fields,
  };
}

export interface StubUpstream extends UpstreamReader {
  /** What the upstream holds; a test edits it to make rows change upstream. */
  tasks: Task[];
  /** Which domains each resource group holds. */
  groups: Map<string, Set<string>>;
  listCalls: Array<{ purpose: SyncPurpose; params: DescribeRefreshTasksParams; pacerAt: number }>;
  byIdCalls: Array<{ ids: string[]; pacerAt: number }>;
  /** Answers a list call with this error instead, when it returns one. */
  refuse: (params: DescribeRefreshTasksParams) => Error | undefined;
}

export function stubUpstream(tasks: Task[], pacerClock: () => number): StubUpstream {
  const upstream: StubUpstream = {
    tasks,
    groups: new Map(),
    listCalls: [],
    byIdCalls: [],
    refuse: () => undefined,
    async describeTasks(purpose, params) {
      upstream.listCalls.push({ purpose, params, pacerAt: pacerClock() });
      const refused = upstream.refuse(params);
      if (refused) throw refused;
      const lo = params.startTime ? Date.parse(params.startTime) : Number.NEGATIVE_INFINITY;
      const hi = params.endTime ? Date.parse(params.endTime) : Number.POSITIVE_INFINITY;
      const group = params.resourceGroupId
        ? (upstream.groups.get(params.resourceGroupId) ?? new Set())
        : null;
      const matching = upstream.tasks
        .filter((t) => {
          const at = Date.parse(t.createdAt);
          if (at < lo || at > hi) return false;
          if (params.objectType && t.objectType !== params.objectType) return false;
          if (params.status && t.status !== params.status) return false;
          if (params.objectPath && t.objectPath !== params.objectPath) return false;
          return !group || group.has(t.domain);
        })
        .sort(
          (a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || a.taskId.localeCompare(b.taskId),
        );
      const from = (params.pageNumber - 1) * params.pageSize;
      return {
        tasks: matching.slice(from, from + params.pageSize).map((t) => ({ ...t })),
        totalCount: matching.length,
        pageNumber: params.pageNumber,
        pageSize: params.pageSize,
        requestId: null,
      };
    },
    async tasksById(ids) {
      upstream.byIdCalls.push({ ids, pacerAt: pacerClock() });
      return upstream.tasks.filter((t) => ids.includes(t.taskId)).map((t) => ({ ...t }));
    },
  };
  return upstream;
}

export interface StepHarness {
  ctx: SyncContext;
  upstream: StubUpstream;
  /** The data clock: a test moves it with `clock.now = …`. */
  clock: { now: number };
  /** The pacers' clock (ms since the harness was made), moved only by their waits. */
  pacerTime: () => number;
  stop(): void;
}

/** A context for `accountId` in `store`, its sync_state row created at T0 (the backfill starts there). */
export async function stepHarness(
  store: Store,
  accountId: string,
  options: { tasks?: Task[]; settings?: Partial<SyncSettings> } = {},
): Promise<StepHarness> {
  const settings = { ...readSyncSettings({}), ...options.settings };
  const clock = { now: T0 };
  let pacerNow = 0;
  const pacer = (rate: number) =>
    new Pacer(
      rate,
      () => pacerNow,
      async (ms) => {
        pacerNow += ms;
      },
    );
  const upstream = stubUpstream(options.tasks ?? [], () => pacerNow);
  let stopped = false;
  const ctx: SyncContext = {
    accountId,
    instanceId: 'test-instance',
    store,
    settings,
    upstream,
    now: () => clock.now,
    pacers: {
      main: pacer(settings.backfillRate),
      follow: pacer(settings.followRate),
      groups: pacer(settings.groupProbeRate),
    },
    get log() {
      return logger();
    },
    metrics,
    calls: new CallStats(() => clock.now),
    state: new SyncStateRecord(store, accountId),
    reads: new ReadTimes(),
    changes: new ChangeTracker(() => clock.now),
    stopped: () => stopped,
  };
  await ctx.state.load(T0);
  return {
    ctx,
    upstream,
    clock,
    pacerTime: () => pacerNow,
    stop: () => {
      stopped = true;
    },
  };
}
