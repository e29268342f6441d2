/**
 * Keeps one account's tasks in the store matched to the upstream (docs/sync.md):
 * - backfill: the retention window, newest slice first, one page per step, so the first screen
 *   fills within seconds and history arrives behind it;
 * - head poll: every few seconds, everything created since the last poll, reaching back an overlap
 *   for rows that appear late;
 * - follow: in-flight rows re-read by id (ten a call) until they end, old ones less often;
 * - reconcile: one time slice at a time, the upstream's count against the store's, re-read on a
 *   difference;
 * - prune: rows older than HISTORY_DAYS.
 * Only the instance holding the account's leadership runs these; every write is an upsert keyed by
 * (account, task id, object path), so a step that fails halfway is simply run again.
 */
import 'server-only';
import { sql } from 'kysely';
import type { Task } from '@/lib/task';
import { logger } from '../logger';
import { metrics } from '../metrics';
import { checkCells } from '../store/cell-check';
import type { Store } from '../store/database';
import { needsTidying, TIDY_AFTER_ROWS, TIDY_MIN_INTERVAL_MS, tidyStore } from '../store/maintenance';
import { resourceGroupsDue, saveResourceGroup } from '../store/resource-groups';
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
/** How often the store is asked whether a resource group needs looking at. */
const GROUP_CHECK_MS = 2_000;
/** In-flight rows younger than this are followed every round; older ones less often. */
const FOLLOW_YOUNG_MS = 10 * MINUTE;
const FOLLOW_MAX_IDS_PER_ROUND = 200;

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
  private readonly stats: CallStats;
  private state: SyncState | null = null;
  private slice: Slice | null = null;
  private nextSliceMs = FIRST_SLICE_MS;
  private stopped = true;
  private leading = false;
  private headRequested = false;
  private readonly wakers = new Map<'main' | 'follow', () => void>();
  /** When each periodic step last ran (ms, our clock). */
  private readonly lastAt = { head: 0, reconcile: 0, prune: 0, groupCheck: 0, tidy: 0, heartbeat: 0 };
  /** Rows written since the embedded store was last tidied (see store/maintenance.ts). */
  private rowsSinceTidy = 0;
  private tidiedAfterBackfill = false;
  private aheadRefused = false;
  /** When rows last changed, and whether the store has heard about it yet. */
  private lastChangeAt: number | null = null;
  private changeUnsaved = false;
  private failures = 0;
  private readonly followedAt = new Map<string, number>();
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
    this.stats = new CallStats();
  }

  /** True while this instance holds the account's sync. */
  get isLeader(): boolean {
    return this.leading && !this.stopped;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loops = [this.mainLoop(), this.followLoop()];
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
    while (!this.stopped) {
      await this.sleep('follow', this.settings.followIntervalMs);
      if (!this.isLeader || this.stopped) continue;
      try {
        await this.follow();
        await this.heartbeat();
      } catch (error) {
        await this.noteFailure(error);
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
    if (now - this.lastAt.groupCheck >= GROUP_CHECK_MS) {
      this.lastAt.groupCheck = now;
      const [groupId] = await resourceGroupsDue(this.store.db, this.accountId, now);
      if (groupId !== undefined) {
        await this.discoverResourceGroup(groupId, now);
        return true;
      }
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
    await this.write(answer.tasks);
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

  /** Compares one slice's count with the upstream's and re-reads the slice when they differ. */
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
    if (stored === upstream.totalCount) return;
    logger().warn(
      {
        account: this.accountId,
        from: upstreamTime(lo),
        to: upstreamTime(hi),
        stored,
        upstream: upstream.totalCount,
      },
      'store and upstream disagree on a slice; reading it again',
    );
    await this.readWindow('reconcile', lo, hi);
  }

  /**
   * Which domains belong to a resource group: for each domain the store knows, one smallest call for
   * one of its paths within retention, filtered by the group (ObjectPath needs no ObjectType).
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
      const answer = await this.call('reconcile', {
        startTime: upstreamTime(Math.max(edge, oldestReadable(this.now()))),
        endTime: upstreamTime(now),
        objectPath: sample.path,
        resourceGroupId: groupId,
        pageNumber: 1,
        pageSize: 1,
      });
      membership.set(sample.domain, answer.totalCount > 0);
    }
    await saveResourceGroup(this.store.db, this.accountId, groupId, membership, now);
    // Pages filtering by this group re-read now that it is known.
    this.noteChange();
  }

  /** Re-reads in-flight rows by id, ten ids a call, young ones each round and old ones less often. */
  private async follow(): Promise<void> {
    const now = this.now();
    const rows = await this.store.db
      .selectFrom('tasks')
      .select(['task_id', sql<Date>`max(created_at)`.as('newest')])
      .where('account_id', '=', this.accountId)
      .where('status', 'in', ['Pending', 'Refreshing'])
      .where('created_at', '>=', new Date(oldestReadable(now)))
      .groupBy('task_id')
      .orderBy('newest', 'desc')
      .execute();
    const due = rows
      .filter((row) => {
        const age = now - new Date(row.newest).getTime();
        const every =
          age < FOLLOW_YOUNG_MS ? this.settings.followIntervalMs : this.settings.followSlowIntervalMs;
        return now - (this.followedAt.get(row.task_id) ?? 0) >= every - 50;
      })
      .slice(0, FOLLOW_MAX_IDS_PER_ROUND)
      .map((row) => row.task_id);
    for (const id of this.followedAt.keys())
      if (!rows.some((row) => row.task_id === id)) this.followedAt.delete(id);
    for (let i = 0; i < due.length && !this.stopped; i += MAX_IDS_PER_BY_ID_CALL) {
      const chunk = due.slice(i, i + MAX_IDS_PER_BY_ID_CALL);
      await this.followPacer.turn();
      this.count('follow');
      const tasks = await this.upstream.tasksById(chunk);
      await this.write(tasks);
      for (const id of chunk) this.followedAt.set(id, now);
    }
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
      await this.write(answer.tasks);
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

  /** Upserts rows; a change is announced at once, so pages showing the newest tasks refresh. */
  private async write(tasks: readonly Task[]): Promise<void> {
    const result = await upsertTasks(this.store.db, this.accountId, tasks);
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
  private sleep(loop: 'main' | 'follow', ms: number): Promise<void> {
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
