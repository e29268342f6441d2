/**
 * Keeps one account's tasks in the store matched to the upstream (docs/sync.md):
 * - backfill: the retention window, newest slice first, one page per step, so the first screen
 *   fills within seconds and history arrives behind it;
 * - head poll: every few seconds, everything created since the last poll, reaching back an overlap
 *   for rows that appear late;
 * - follow: in-flight rows re-read by id (ten a call) until they end, old ones less often, the most
 *   overdue first within the follow rate, saying how far behind it is when that rate falls short;
 * - reconcile: one time slice at a time, the upstream's count against the store's, and its count of
 *   in-flight rows per type against ours (a status that drifted), re-read on a difference;
 * - prune: rows older than HISTORY_DAYS;
 * - resource groups: the domains of groups someone filtered by, probed in a loop of their own.
 * Only the instance holding the account's leadership runs these; every write is an upsert keyed by
 * (account, task id, object path), so a step that fails halfway is simply run again.
 */
import 'server-only';
import { sql } from 'kysely';
import { IN_FLIGHT_STATUSES, type Task } from '@/lib/task';
import { logger } from '../logger';
import { metrics } from '../metrics';
import { checkCells } from '../store/cell-check';
import type { Store } from '../store/database';
import { needsTidying, TIDY_AFTER_ROWS, TIDY_MIN_INTERVAL_MS, tidyStore } from '../store/maintenance';
import { expireUnmatchedGroups, resourceGroupsDue, saveResourceGroup } from '../store/resource-groups';
import { readAccountCounts } from '../store/task-count';
import { pruneTasks, upsertTasks } from '../store/task-rows';
import { MAX_IDS_PER_BY_ID_CALL } from '../upstream/cdn';
import { UpstreamError } from '../upstream/upstream-error';
import { CallStats, type SyncPurpose } from './call-stats';
import { type Leadership, leadershipFor } from './leadership';
import { Pacer } from './pacer';
import type { SyncSettings } from './settings';
import { ensureSyncState, type SyncState, type SyncStatePatch, updateSyncState } from './sync-state';
import { cdnReader, type UpstreamReader } from './upstream-reader';
import { oldestReadable, PAGE_SIZE, upstreamTime } from './upstream-window';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** The first backfill slice is small so the newest tasks land at once; later ones aim at this size. */
const FIRST_SLICE_MS = 10 * MINUTE;
const SLICE_TARGET_ROWS = 20 * PAGE_SIZE;
const MAX_SLICE_MS = 24 * HOUR;
/** Reconcile walks the retention window in slices of this length. */
const RECONCILE_SLICE_MS = 3 * HOUR;
const HEARTBEAT_MS = 5_000;
/** How far past our own clock a head poll asks: room for an upstream clock that runs ahead. */
const HEAD_AHEAD_MS = 15 * MINUTE;
/** How often the group probe asks the store whether a resource group needs looking at. */
const GROUP_CHECK_MS = 2_000;
/** In-flight rows younger than this are followed every round; older ones less often. */
const FOLLOW_YOUNG_MS = 10 * MINUTE;
/** The shortest pause between two follow rounds, however long the last one took. */
const FOLLOW_MIN_PAUSE_MS = 50;

/** Thrown inside a step to end it early when the sync stops. */
class SyncStopped extends Error {}

interface Slice {
  lo: number;
  hi: number;
  page: number;
  total: number | null;
}

interface AccountSyncOptions {
  upstream?: UpstreamReader;
  /** The upstream's clock (tests move the emulator's); real time by default. */
  now?: () => number;
  instanceId?: string;
}

export class AccountSync {
  private readonly upstream: UpstreamReader;
  private readonly now: () => number;
  private readonly instanceId: string;
  private readonly leadership: Leadership;
  private readonly pacer: Pacer;
  private readonly followPacer: Pacer;
  private readonly groupPacer: Pacer;
  private readonly stats: CallStats;
  private state: SyncState | null = null;
  private slice: Slice | null = null;
  private nextSliceMs = FIRST_SLICE_MS;
  private stopped = true;
  private leading = false;
  private headRequested = false;
  private readonly wakers = new Map<'main' | 'follow' | 'groups', () => void>();
  /** When each periodic step last ran (ms, our clock). */
  private readonly lastAt = { head: 0, reconcile: 0, prune: 0, tidy: 0, heartbeat: 0 };
  /** When the head poll before the running one began: what a row it sees ending was last read at. */
  private previousHeadAt = 0;
  /** Rows written since the embedded store was last tidied (see store/maintenance.ts). */
  private rowsSinceTidy = 0;
  private tidiedAfterBackfill = false;
  private aheadRefused = false;
  /** When rows last changed, and whether the store has heard about it yet. */
  private lastChangeAt: number | null = null;
  private changeUnsaved = false;
  private failures = 0;
  /** When each in-flight task id was last read by id (ms, the data clock). */
  private readonly followedAt = new Map<string, number>();
  /** How long the most overdue in-flight row left out of the last follow round has waited (ms). */
  private followBehindMs = 0;
  /** Status and object type filters the upstream refused (not every page lists `Pending`, `block`). */
  private readonly refusedStatuses = new Set<string>();
  private readonly refusedTypes = new Set<string>();
  private loops: Array<Promise<void>> = [];

  constructor(
    private readonly store: Store,
    readonly accountId: string,
    private readonly settings: SyncSettings,
    options: AccountSyncOptions = {},
  ) {
    this.upstream = options.upstream ?? cdnReader(accountId);
    this.now = options.now ?? Date.now;
    this.instanceId = options.instanceId ?? `${process.pid}@${Math.random().toString(36).slice(2, 8)}`;
    this.leadership = leadershipFor(store, accountId);
    // Call rates are real time, whatever clock the data lives on.
    this.pacer = new Pacer(settings.backfillRate);
    this.followPacer = new Pacer(settings.followRate);
    this.groupPacer = new Pacer(settings.groupProbeRate);
    this.stats = new CallStats();
  }

  /** True while this instance holds the account's sync. */
  get isLeader(): boolean {
    return this.leading && !this.stopped;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loops = [this.mainLoop(), this.followLoop(), this.groupLoop()];
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const wake of this.wakers.values()) wake();
    await Promise.allSettled(this.loops);
    this.leading = false;
    await this.leadership.release();
  }

  /**
   * A reader is looking at the newest tasks: poll the head now if the last poll is more than a
   * moment old. Many readers asking at once cause one poll, and only the syncing instance polls.
   * `now: true` (tasks were just submitted, so the last poll cannot have seen them): poll next,
   * however recent the last poll.
   */
  requestHead(options: { now?: boolean } = {}): void {
    if (!this.isLeader) return;
    if (!options.now && this.now() - this.lastAt.head < this.settings.headOnDemandAfterMs) return;
    this.headRequested = true;
    this.wakers.get('main')?.();
  }

  // -------------------------------------------------------------------------------------------
  // Loops

  private async mainLoop(): Promise<void> {
    while (!this.stopped) {
      if (!(await this.lead())) {
        await this.sleep('main', this.settings.leaderRetryMs);
        continue;
      }
      try {
        const worked = await this.nextStep();
        this.failures = 0;
        await this.heartbeat();
        if (!worked) await this.sleep('main', this.msUntilNextDue());
      } catch (error) {
        if (error instanceof SyncStopped) break;
        this.failures += 1;
        await this.noteFailure(error);
        // Throttled, down, or the store hiccupped: back off, then run the same step again.
        await this.sleep('main', Math.min(30_000, 500 * 2 ** Math.min(this.failures, 6)));
      }
    }
  }

  private async followLoop(): Promise<void> {
    let roundStarted = Date.now();
    while (!this.stopped) {
      // A round starts every interval (real time, like the rate): its calls are part of the interval.
      const elapsed = Date.now() - roundStarted;
      await this.sleep('follow', Math.max(FOLLOW_MIN_PAUSE_MS, this.settings.followIntervalMs - elapsed));
      roundStarted = Date.now();
      if (!this.isLeader || this.stopped) continue;
      try {
        await this.follow();
        await this.heartbeat();
      } catch (error) {
        await this.noteFailure(error);
      }
    }
  }

  /**
   * Resource-group probes, in a loop of their own with their own small rate (SYNC_GROUP_PROBE_RATE)
   * and their own lane of the upstream's fair queue: however many groups are asked for, the head
   * poll, backfill and reconcile of the main loop never wait behind a probe.
   */
  private async groupLoop(): Promise<void> {
    while (!this.stopped) {
      await this.sleep('groups', GROUP_CHECK_MS);
      if (!this.isLeader || this.stopped) continue;
      try {
        const now = this.now();
        await expireUnmatchedGroups(this.store.db, this.accountId, now);
        const [groupId] = await resourceGroupsDue(this.store.db, this.accountId, now);
        if (groupId !== undefined) await this.discoverResourceGroup(groupId, now);
      } catch (error) {
        if (error instanceof SyncStopped) break;
        // A failed probe is tried again at the next check; the sync's own health is not its.
        logger().warn(
          { account: this.accountId, err: error instanceof Error ? error.message : String(error) },
          'resource group probe failed; retrying later',
        );
      }
    }
  }

  private async lead(): Promise<boolean> {
    const leading = await this.leadership.claim();
    if (leading && !this.leading) {
      this.state = await ensureSyncState(this.store.db, this.accountId, this.now());
      this.slice = null;
      logger().info(
        { account: this.accountId, instance: this.instanceId, backfillDone: this.state.backfillDone },
        'syncing this account',
      );
    }
    if (!leading && this.leading)
      logger().warn({ account: this.accountId }, 'lost the sync to another instance');
    this.leading = leading;
    return leading;
  }

  /** One unit of work, the most urgent first; false when nothing is due. */
  private async nextStep(): Promise<boolean> {
    const now = this.now();
    const state = this.requireState();
    if (this.headRequested || now - this.lastAt.head >= this.settings.headIntervalMs) {
      this.headRequested = false;
      await this.headPoll(now);
      return true;
    }
    if (!state.backfillDone) {
      await this.backfillStep(now);
      return true;
    }
    if (now - this.lastAt.reconcile >= this.settings.reconcileIntervalMs) {
      this.lastAt.reconcile = now;
      await this.reconcileStep(now);
      return true;
    }
    if (now - this.lastAt.prune >= this.settings.pruneIntervalMs) {
      this.lastAt.prune = now;
      const removed = await pruneTasks(
        this.store.db,
        this.accountId,
        new Date(now - this.store.settings.historyDays * 24 * HOUR),
      );
      if (removed > 0) {
        logger().info({ account: this.accountId, removed }, 'pruned tasks past HISTORY_DAYS');
        this.rowsSinceTidy += removed;
        this.noteChange();
      }
      return true;
    }
    if (this.tidyDue(now)) {
      await this.tidy(now);
      return true;
    }
    return false;
  }

  private msUntilNextDue(): number {
    const now = this.now();
    const head = this.lastAt.head + this.settings.headIntervalMs - now;
    const reconcile = this.lastAt.reconcile + this.settings.reconcileIntervalMs - now;
    return Math.max(50, Math.min(head, reconcile, HEARTBEAT_MS));
  }

  // -------------------------------------------------------------------------------------------
  // Steps

  /** Everything created since the last head poll (minus the overlap), up to now. */
  private async headPoll(now: number): Promise<void> {
    const state = this.requireState();
    const end = Math.floor(now / 1000) * 1000;
    // The upstream's clock may run ahead of ours: ask up to a while past our now, so rows it already
    // has are not left for later; the mark stays at our now, and the next poll's overlap reads on.
    const askUntil = this.aheadRefused ? end : end + HEAD_AHEAD_MS;
    const since = Math.max(
      (state.headMark ?? state.backfillFrom) - this.settings.headOverlapMs,
      oldestReadable(now),
    );
    this.previousHeadAt = this.lastAt.head;
    this.lastAt.head = now;
    try {
      await this.readWindow('head', since, askUntil);
    } catch (error) {
      // An upstream that refuses an EndTime past its now: ask up to our own now from here on.
      if (!(error instanceof UpstreamError && error.code.startsWith('InvalidEndTime')) || this.aheadRefused)
        throw error;
      this.aheadRefused = true;
      await this.readWindow('head', since, end);
    }
    await this.save({ headMark: end, syncedAt: end, lastError: null });
  }

  /** One page of the backfill; a slice's cursor is saved once its last page is in. */
  private async backfillStep(now: number): Promise<void> {
    const state = this.requireState();
    const edge = oldestReadable(now);
    if (state.backfillEstimate === null) {
      const whole = await this.call('backfill', {
        startTime: upstreamTime(edge),
        endTime: upstreamTime(state.backfillFrom),
        pageNumber: 1,
        pageSize: 1,
      });
      await this.save({ backfillEstimate: whole.totalCount });
      return;
    }
    if (!this.slice) {
      if (state.backfillCursor <= edge) {
        await this.save({ backfillDone: true });
        logger().info({ account: this.accountId }, 'backfill complete');
        return;
      }
      this.slice = {
        lo: Math.max(edge, state.backfillCursor - this.nextSliceMs),
        hi: state.backfillCursor,
        page: 1,
        total: null,
      };
    }
    const slice = this.slice;
    // Rows leave the upstream at the bottom of a newest-first list, so a later StartTime for the
    // slice's next page only drops rows that are expiring anyway; earlier pages stay where they were.
    const answer = await this.call('backfill', {
      startTime: upstreamTime(Math.max(slice.lo, oldestReadable(this.now()))),
      endTime: upstreamTime(slice.hi),
      pageNumber: slice.page,
      pageSize: PAGE_SIZE,
    });
    await this.write(answer.tasks, 'backfill');
    slice.total = answer.totalCount;
    slice.page += 1;
    if ((slice.page - 1) * PAGE_SIZE >= (slice.total ?? 0)) {
      this.slice = null;
      const density = (slice.total ?? 0) / Math.max(1, slice.hi - slice.lo);
      this.nextSliceMs = Math.min(
        MAX_SLICE_MS,
        Math.max(FIRST_SLICE_MS, density > 0 ? SLICE_TARGET_ROWS / density : MAX_SLICE_MS),
      );
      await this.save({ backfillCursor: slice.lo, backfillDone: slice.lo <= edge });
    }
  }

  /**
   * Compares one slice with the upstream: its count, then (when the store holds in-flight rows in it)
   * its count of in-flight rows per object type, which finds a status that drifted (a row the store
   * holds as Refreshing that ended upstream). A different count re-reads the slice; a drift re-reads
   * the rows that can have drifted.
   */
  private async reconcileStep(now: number): Promise<void> {
    const state = this.requireState();
    const top = (state.headMark ?? now) - this.settings.headOverlapMs;
    const edge = oldestReadable(now);
    const slices = Math.max(1, Math.ceil((top - edge) / RECONCILE_SLICE_MS));
    const index = state.reconcileSlice % slices;
    const hi = Math.floor((top - index * RECONCILE_SLICE_MS) / 1000) * 1000;
    const lo = Math.max(edge, hi - RECONCILE_SLICE_MS);
    await this.save({ reconcileSlice: (index + 1) % slices });
    if (hi <= lo) return;
    // The account-wide sums once per round of slices: they read all of the account's cells.
    await checkCells(this.store.db, this.accountId, lo, hi, { accountWide: index === 0 });
    const upstream = await this.call('reconcile', {
      startTime: upstreamTime(lo),
      endTime: upstreamTime(hi),
      pageNumber: 1,
      pageSize: 1,
    });
    const stored = await this.storedCount(lo, hi);
    const range = { account: this.accountId, from: upstreamTime(lo), to: upstreamTime(hi) };
    if (stored !== upstream.totalCount) {
      logger().warn(
        { ...range, stored, upstream: upstream.totalCount },
        'store and upstream disagree on a slice; reading it again',
      );
      await this.readWindow('reconcile', lo, hi);
      return;
    }
    const drift = await this.inFlightDrift(lo, hi);
    if (drift.length === 0) return;
    metrics().syncStatusDrift.inc({ account: this.accountId }, drift.length);
    logger().warn({ ...range, drift }, 'statuses in the store drifted from the upstream; reading them again');
    // More in flight here than upstream: rows that ended upstream, which their ids re-read (a few
    // calls, where the slice could be a hundred pages). Fewer: rows ended here but not upstream, which
    // no id list names, so the slice is read again.
    if (drift.some((d) => d.stored < d.upstream)) await this.readWindow('reconcile', lo, hi);
    else
      await this.rereadInFlight(
        lo,
        hi,
        drift.map((d) => d.objectType),
      );
  }

  /**
   * The object types whose in-flight count in [lo, hi] differs between the store and the upstream.
   * `Status` needs `ObjectType` upstream, so it is asked per type, and only for the types the store
   * holds in-flight rows of: a slice whose rows have all ended in the store (most of them) costs no
   * call, since an ending is final upstream too. Statuses the upstream refuses as a filter are left
   * out on both sides.
   */
  private async inFlightDrift(
    lo: number,
    hi: number,
  ): Promise<Array<{ objectType: string; stored: number; upstream: number }>> {
    const statuses = IN_FLIGHT_STATUSES.filter((status) => !this.refusedStatuses.has(status));
    if (statuses.length === 0) return [];
    const rows = await this.store.db
      .selectFrom('tasks')
      .select(['object_type', (eb) => eb.fn.countAll().as('n')])
      .where('account_id', '=', this.accountId)
      .where('status', 'in', statuses)
      .where('created_at', '>=', new Date(lo))
      .where('created_at', '<=', new Date(hi))
      .groupBy('object_type')
      .orderBy('object_type')
      .execute();
    const drift: Array<{ objectType: string; stored: number; upstream: number }> = [];
    for (const row of rows) {
      if (this.refusedTypes.has(row.object_type)) continue;
      const stored = Number(row.n);
      let upstream = 0;
      for (const status of statuses) {
        try {
          const answer = await this.call('reconcile', {
            startTime: upstreamTime(Math.max(lo, oldestReadable(this.now()))),
            endTime: upstreamTime(hi),
            objectType: row.object_type,
            status,
            pageNumber: 1,
            pageSize: 1,
          });
          upstream += answer.totalCount;
        } catch (error) {
          const code = error instanceof UpstreamError ? error.code : '';
          if (!code.startsWith('InvalidStatus') && !code.startsWith('InvalidObjectType')) throw error;
          // This upstream does not filter by this value: the check leaves it out from now on.
          if (code.startsWith('InvalidStatus')) this.refusedStatuses.add(status);
          else this.refusedTypes.add(row.object_type);
          logger().info(
            { account: this.accountId, status, objectType: row.object_type, code },
            'the upstream does not filter by this value; the drift check leaves it out',
          );
          return drift;
        }
      }
      if (stored !== upstream) drift.push({ objectType: row.object_type, stored, upstream });
    }
    return drift;
  }

  /** Re-reads by id the rows of [lo, hi] of these object types that the store holds as in flight. */
  private async rereadInFlight(lo: number, hi: number, objectTypes: string[]): Promise<void> {
    const rows = await this.store.db
      .selectFrom('tasks')
      .select('task_id')
      .distinct()
      .where('account_id', '=', this.accountId)
      .where('status', 'in', [...IN_FLIGHT_STATUSES])
      .where('object_type', 'in', objectTypes)
      .where('created_at', '>=', new Date(lo))
      .where('created_at', '<=', new Date(hi))
      .execute();
    const ids = rows.map((row) => row.task_id);
    for (let i = 0; i < ids.length; i += MAX_IDS_PER_BY_ID_CALL) {
      if (this.stopped) throw new SyncStopped();
      const chunk = ids.slice(i, i + MAX_IDS_PER_BY_ID_CALL);
      await this.followPacer.turn();
      this.count('reconcile');
      await this.write(await this.upstream.tasksById(chunk), 'reconcile');
      for (const id of chunk) this.followedAt.set(id, this.now());
    }
  }

  /**
   * Which domains belong to a resource group: for each domain the store knows, one smallest call for
   * one of its paths within retention, filtered by the group (ObjectPath needs no ObjectType), paced
   * by the probe's own rate (groupLoop).
   */
  private async discoverResourceGroup(groupId: string, now: number): Promise<void> {
    const edge = oldestReadable(now);
    const samples = await this.store.db
      .selectFrom('tasks')
      .select(['domain', sql<string>`min(object_path)`.as('path')])
      .where('account_id', '=', this.accountId)
      .where('created_at', '>=', new Date(edge))
      .groupBy('domain')
      .execute();
    const membership = new Map<string, boolean>();
    for (const sample of samples) {
      if (this.stopped) throw new SyncStopped();
      await this.groupPacer.turn();
      this.count('groups');
      const answer = await this.upstream
        .describeTasks('groups', {
          startTime: upstreamTime(Math.max(edge, oldestReadable(this.now()))),
          endTime: upstreamTime(now),
          objectPath: sample.path,
          resourceGroupId: groupId,
          pageNumber: 1,
          pageSize: 1,
        })
        .catch((error: unknown) => {
          if (error instanceof UpstreamError && error.kind === 'throttled') this.groupPacer.throttled();
          throw error;
        });
      this.groupPacer.succeeded();
      membership.set(sample.domain, answer.totalCount > 0);
    }
    await saveResourceGroup(this.store.db, this.accountId, groupId, membership, now);
    // Pages filtering by this group re-read now that it is known.
    this.noteChange();
  }

  /**
   * Re-reads in-flight rows by id, ten ids a call. A task id is due one interval after it was last
   * read (or after its creation, if never): every round for young rows, less often for old ones. A
   * round takes the due ids most overdue first, as many as the follow rate allows in one interval, so
   * when more are due than that, those left over lead the next round instead of starving behind newer
   * ones; how long the most overdue of them has waited is `followBehindMs` (docs/sync.md).
   */
  private async follow(): Promise<void> {
    const now = this.now();
    const rows = await this.store.db
      .selectFrom('tasks')
      .select(['task_id', sql<Date>`max(created_at)`.as('newest')])
      .where('account_id', '=', this.accountId)
      .where('status', 'in', [...IN_FLIGHT_STATUSES])
      .where('created_at', '>=', new Date(oldestReadable(now)))
      .groupBy('task_id')
      .execute();
    const inFlight = new Set<string>();
    const due: Array<{ id: string; dueAt: number; createdAt: number }> = [];
    for (const row of rows) {
      inFlight.add(row.task_id);
      const createdAt = new Date(row.newest).getTime();
      const every = this.followEvery(now, createdAt);
      const dueAt = (this.followedAt.get(row.task_id) ?? createdAt) + every;
      if (dueAt <= now + FOLLOW_MIN_PAUSE_MS) due.push({ id: row.task_id, dueAt, createdAt });
    }
    for (const id of this.followedAt.keys()) if (!inFlight.has(id)) this.followedAt.delete(id);
    // Most overdue first; among equally overdue ones the newest, which are likeliest to have moved.
    due.sort((a, b) => a.dueAt - b.dueAt || b.createdAt - a.createdAt);
    const callsPerRound = Math.max(
      1,
      Math.floor((this.followPacer.effectiveRate * this.settings.followIntervalMs) / 1000),
    );
    const taken = due.slice(0, callsPerRound * MAX_IDS_PER_BY_ID_CALL);
    const firstLeft = due[taken.length];
    this.followBehindMs = firstLeft ? Math.max(0, now - firstLeft.dueAt) : 0;
    metrics().syncFollowBehind.set({ account: this.accountId }, this.followBehindMs / 1000);
    if (firstLeft)
      logger().debug(
        { account: this.accountId, due: due.length, taken: taken.length, behindMs: this.followBehindMs },
        'more in-flight rows due than the follow rate covers in one round',
      );
    for (let i = 0; i < taken.length && !this.stopped; i += MAX_IDS_PER_BY_ID_CALL) {
      const chunk = taken.slice(i, i + MAX_IDS_PER_BY_ID_CALL).map((entry) => entry.id);
      await this.followPacer.turn();
      this.count('follow');
      const tasks = await this.upstream.tasksById(chunk);
      await this.write(tasks, 'follow');
      for (const id of chunk) this.followedAt.set(id, now);
    }
  }

  /** How often the follow re-reads an in-flight row created at `createdAt`. */
  private followEvery(now: number, createdAt: number): number {
    return now - createdAt < FOLLOW_YOUNG_MS
      ? this.settings.followIntervalMs
      : this.settings.followSlowIntervalMs;
  }

  // -------------------------------------------------------------------------------------------
  // Helpers

  /** Every page of [lo, hi] (both inclusive), upserted page by page. */
  private async readWindow(purpose: SyncPurpose, lo: number, hi: number): Promise<void> {
    if (hi < lo) return;
    for (let page = 1; ; page += 1) {
      const answer = await this.call(purpose, {
        startTime: upstreamTime(Math.max(lo, oldestReadable(this.now()))),
        endTime: upstreamTime(hi),
        pageNumber: page,
        pageSize: PAGE_SIZE,
      });
      await this.write(answer.tasks, purpose);
      if (page * PAGE_SIZE >= answer.totalCount || answer.tasks.length === 0) return;
      // Stopping mid-read is safe: the next head poll or reconcile reads the window again.
      if (this.stopped) throw new SyncStopped();
    }
  }

  private async call(purpose: SyncPurpose, params: Parameters<UpstreamReader['describeTasks']>[1]) {
    const state = this.requireState();
    this.pacer.setRate(state.backfillDone ? this.settings.steadyRate : this.settings.backfillRate);
    await this.pacer.turn();
    this.count(purpose);
    try {
      const answer = await this.upstream.describeTasks(purpose, params);
      this.pacer.succeeded();
      return answer;
    } catch (error) {
      if (error instanceof UpstreamError && error.kind === 'throttled') this.pacer.throttled();
      throw error;
    }
  }

  /**
   * Upserts rows; a change is announced at once, so pages showing the newest tasks refresh. A row
   * seen ending is stamped with the data clock and how late that may be (docs/sync.md, "Time to
   * finish"): the head poll's interval for what it reads, else the follow's interval for the row —
   * or, when the last read of the row lies further back (a busy machine, a follow behind), the time
   * since that read, so the precision never claims more than was seen.
   */
  private async write(tasks: readonly Task[], purpose: SyncPurpose): Promise<void> {
    const now = this.now();
    const precision = (task: Task) => {
      const head = purpose === 'head';
      const every = head ? this.settings.headIntervalMs : this.followEvery(now, Date.parse(task.createdAt));
      const lastRead = Math.max(this.followedAt.get(task.taskId) ?? 0, head ? this.previousHeadAt : 0);
      const precision = lastRead > 0 ? Math.max(every, now - lastRead) : every;
      // Whole seconds: rows read together then share one value, and upsertTasks one statement.
      return Math.ceil(precision / 1000) * 1000;
    };
    const result = await upsertTasks(this.store.db, this.accountId, tasks, new Date(now), precision);
    if (result.inserted + result.changed === 0) return;
    this.rowsSinceTidy += result.inserted + result.changed;
    this.noteChange();
  }

  /** Rows changed: the next heartbeat tells readers (it is their cache's generation too). */
  private noteChange(): void {
    this.lastChangeAt = this.now();
    this.changeUnsaved = true;
  }

  /** The embedded store is tidied after enough changed rows, and once the backfill has finished. */
  private tidyDue(now: number): boolean {
    if (!needsTidying(this.store) || this.rowsSinceTidy === 0) return false;
    if (now - this.lastAt.tidy < TIDY_MIN_INTERVAL_MS) return false;
    const backfillJustDone = this.requireState().backfillDone && !this.tidiedAfterBackfill;
    return this.rowsSinceTidy >= TIDY_AFTER_ROWS || backfillJustDone;
  }

  private async tidy(now: number): Promise<void> {
    const started = performance.now();
    await tidyStore(this.store);
    this.lastAt.tidy = now;
    this.tidiedAfterBackfill = this.requireState().backfillDone;
    const rows = this.rowsSinceTidy;
    this.rowsSinceTidy = 0;
    logger().debug(
      { account: this.accountId, rows, ms: Math.round(performance.now() - started) },
      'store tidied',
    );
  }

  private count(purpose: SyncPurpose): void {
    this.stats.record(purpose);
    metrics().syncCalls.inc({ account: this.accountId, purpose });
  }

  private async storedCount(lo: number, hi: number): Promise<number> {
    const row = await this.store.db
      .selectFrom('tasks')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('account_id', '=', this.accountId)
      .where('created_at', '>=', new Date(lo))
      .where('created_at', '<=', new Date(hi))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * Tells readers what changed at once (the change marker is their cache's generation and the pages'
   * cue to refetch), and every HEARTBEAT_MS the counts and rates behind the status panel and metrics.
   * The counts walk the account's rows, so they are not taken per backfill page.
   */
  private async heartbeat(): Promise<void> {
    const now = this.now();
    const countsDue = now - this.lastAt.heartbeat >= HEARTBEAT_MS;
    if (!countsDue && !this.changeUnsaved) return;
    this.changeUnsaved = false;
    const state = this.requireState();
    let inFlightRows = state.stats.inFlightRows;
    if (countsDue) {
      this.lastAt.heartbeat = now;
      const counts = await readAccountCounts(this.store.db, this.accountId);
      inFlightRows = counts.inFlight;
      const labels = { account: this.accountId };
      metrics().storeRows.set(labels, counts.stored);
      metrics().syncInFlight.set(labels, inFlightRows);
      if (state.syncedAt !== null) metrics().syncLag.set(labels, Math.max(0, (now - state.syncedAt) / 1000));
    }
    await this.save({
      leader: this.instanceId,
      heartbeatAt: now,
      stats: {
        callsPerSecond: this.stats.perSecond(),
        inFlightRows,
        followBehindMs: this.followBehindMs,
        lastChangeAt: this.lastChangeAt ?? state.stats.lastChangeAt,
      },
    });
  }

  private async noteFailure(error: unknown): Promise<void> {
    const state = this.requireState();
    let message =
      error instanceof UpstreamError
        ? `${error.code}: ${error.message}`
        : 'The store or the sync failed unexpectedly';
    // While the breaker holds calls back, the failure worth naming is the one that opened it.
    if (error instanceof UpstreamError && error.code === 'Dashboard.CircuitOpen' && state.lastError) {
      message = state.lastError.includes('calls paused')
        ? state.lastError
        : `${state.lastError} (calls paused)`;
    }
    logger().warn(
      {
        account: this.accountId,
        err: error instanceof Error ? error.message : String(error),
        failures: this.failures,
      },
      'sync step failed; retrying',
    );
    metrics().syncErrors.inc({ account: this.accountId });
    await this.save({ lastError: message, lastErrorAt: this.now() }).catch(() => undefined);
  }

  private async save(patch: SyncStatePatch): Promise<void> {
    const state = this.requireState();
    Object.assign(state, patch);
    await updateSyncState(this.store.db, this.accountId, patch);
  }

  private requireState(): SyncState {
    if (!this.state) throw new Error('sync state not loaded');
    return this.state;
  }

  /** Sleeps, or less when requestHead() (main loop only) or stop() wakes the loop. */
  private sleep(loop: 'main' | 'follow' | 'groups', ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wakers.get(loop) === done) this.wakers.delete(loop);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakers.set(loop, done);
    });
  }
}
