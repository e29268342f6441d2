/**
 * Keeps one account's tasks in the store matched to the upstream (docs/sync.md, "The sync"). This
 * module only schedules; each step is a module of steps/ working on a shared SyncContext:
 * - main loop, one step at a time, the most urgent first: head poll, backfill, reconcile, prune, tidy;
 * - follow loop: a round of in-flight re-reads every follow interval, on its own pacer;
 * - group loop: resource-group probes, on their own pacer, so they never delay the main loop;
 * - heartbeat after each step: readers hear of changes, and the status panel gets its counts.
 * Only the instance holding the account's leadership runs the steps; every write is an upsert keyed
 * by (account, task id, object path), so a step that fails halfway is simply run again, after a pause
 * that grows with each failure in a row.
 */
import 'server-only';
import { logger } from '../logger';
import { metrics } from '../metrics';
import type { Store } from '../store/database';
import { CallStats } from './call-stats';
import { type Leadership, leadershipFor } from './leadership';
import { Pacer } from './pacer';
import type { SyncSettings } from './settings';
import { Backfill } from './steps/backfill';
import { Follow } from './steps/follow';
import { FOLLOW_MIN_PAUSE_MS } from './steps/follow-due';
import { HeadPoll } from './steps/head-poll';
import { HEARTBEAT_MS, Heartbeat } from './steps/heartbeat';
import { Prune } from './steps/prune';
import { Reconcile } from './steps/reconcile';
import { probeDueResourceGroup } from './steps/resource-groups';
import {
  ChangeTracker,
  ReadTimes,
  type SyncContext,
  SyncStateRecord,
  SyncStopped,
} from './steps/sync-context';
import { Tidy } from './steps/tidy';
import { failureBackoffMs, recordFailure } from './sync-failure';
import { cdnReader, type UpstreamReader } from './upstream-reader';

/** How often the group loop asks the store whether a resource group needs probing. */
const GROUP_CHECK_MS = 2_000;
/** The main loop never sleeps less than this when nothing is due. */
const MIN_IDLE_MS = 50;

type LoopName = 'main' | 'follow' | 'groups';

interface AccountSyncOptions {
  upstream?: UpstreamReader;
  /** The upstream's clock (tests move the emulator's); real time by default. */
  now?: () => number;
  instanceId?: string;
}

export class AccountSync {
  private readonly ctx: SyncContext;
  private readonly leadership: Leadership;
  private readonly steps = {
    head: new HeadPoll(),
    backfill: new Backfill(),
    reconcile: new Reconcile(),
    prune: new Prune(),
    tidy: new Tidy(),
    follow: new Follow(),
    heartbeat: new Heartbeat(),
  };
  private stopped = true;
  private leading = false;
  /** Failed main-loop steps in a row: the backoff grows with them. */
  private failures = 0;
  private readonly wakers = new Map<LoopName, () => void>();
  private loops: Array<Promise<void>> = [];

  constructor(
    store: Store,
    readonly accountId: string,
    private readonly settings: SyncSettings,
    options: AccountSyncOptions = {},
  ) {
    const now = options.now ?? Date.now;
    this.leadership = leadershipFor(store, accountId);
    this.ctx = {
      accountId,
      instanceId: options.instanceId ?? `${process.pid}@${Math.random().toString(36).slice(2, 8)}`,
      store,
      settings,
      upstream: options.upstream ?? cdnReader(accountId),
      now,
      // Call rates are real time, whatever clock the data lives on.
      pacers: {
        main: new Pacer(settings.backfillRate),
        follow: new Pacer(settings.followRate),
        groups: new Pacer(settings.groupProbeRate),
      },
      get log() {
        return logger();
      },
      metrics,
      calls: new CallStats(),
      state: new SyncStateRecord(store, accountId),
      reads: new ReadTimes(),
      changes: new ChangeTracker(now),
      stopped: () => this.stopped,
    };
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
    if (!options.now && this.ctx.now() - this.ctx.reads.headAt < this.settings.headOnDemandAfterMs) return;
    this.steps.head.request();
    this.wakers.get('main')?.();
  }

  private async mainLoop(): Promise<void> {
    while (!this.stopped) {
      if (!(await this.lead())) {
        await this.sleep('main', this.settings.leaderRetryMs);
        continue;
      }
      try {
        const worked = await this.runNextStep();
        this.failures = 0;
        await this.steps.heartbeat.run(this.ctx, this.steps.follow.behindMs);
        if (!worked) await this.sleep('main', this.msUntilNextDue());
      } catch (error) {
        if (error instanceof SyncStopped) break;
        this.failures += 1;
        await recordFailure(this.ctx, error, this.failures);
        // Throttled, down, or the store hiccupped: back off, then take the most urgent step again
        // (an unfinished backfill slice is read on from its page; cursors move only when it is in).
        await this.sleep('main', failureBackoffMs(this.failures));
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
        await this.steps.follow.run(this.ctx);
        await this.steps.heartbeat.run(this.ctx, this.steps.follow.behindMs);
      } catch (error) {
        await recordFailure(this.ctx, error, this.failures);
      }
    }
  }

  private async groupLoop(): Promise<void> {
    while (!this.stopped) {
      await this.sleep('groups', GROUP_CHECK_MS);
      if (!this.isLeader || this.stopped) continue;
      try {
        await probeDueResourceGroup(this.ctx);
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

  /** Claims (or keeps) the leadership; on taking it, loads where the account's sync stands. */
  private async lead(): Promise<boolean> {
    const leading = await this.leadership.claim();
    if (leading && !this.leading) {
      const state = await this.ctx.state.load(this.ctx.now());
      this.steps.backfill.resume();
      logger().info(
        { account: this.accountId, instance: this.ctx.instanceId, backfillDone: state.backfillDone },
        'syncing this account',
      );
    }
    if (!leading && this.leading)
      logger().warn({ account: this.accountId }, 'lost the sync to another instance');
    this.leading = leading;
    return leading;
  }

  /** Runs the most urgent step that is due; false when none is. */
  private async runNextStep(): Promise<boolean> {
    const { ctx, steps } = this;
    const now = ctx.now();
    const step = [steps.head, steps.backfill, steps.reconcile, steps.prune, steps.tidy].find((candidate) =>
      candidate.isDue(ctx, now),
    );
    await step?.run(ctx, now);
    return step !== undefined;
  }

  /** Until the head poll or the reconcile is next due, or the next heartbeat's counts. */
  private msUntilNextDue(): number {
    const now = this.ctx.now();
    const head = this.ctx.reads.headAt + this.settings.headIntervalMs - now;
    const reconcile = this.steps.reconcile.lastAt + this.settings.reconcileIntervalMs - now;
    return Math.max(MIN_IDLE_MS, Math.min(head, reconcile, HEARTBEAT_MS));
  }

  /** Sleeps, or less when requestHead() (main loop only) or stop() wakes the loop. */
  private sleep(loop: LoopName, ms: number): Promise<void> {
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
