/**
 * What every step of an account's sync works with (docs/sync.md, "The sync"): the store, the upstream
 * reader, the data clock, the pacers that keep calls within the rate budget, logging and metrics, and
 * the little memory the steps share — the account's `sync_state` row, when each task id and the head
 * were last read, and which rows changed since readers and the tidy last heard.
 */
import 'server-only';
import type { Logger } from 'pino';
import type { metrics } from '../../metrics';
import type { Store } from '../../store/database';
import type { CallStats } from '../call-stats';
import type { Pacer } from '../pacer';
import type { SyncSettings } from '../settings';
import { ensureSyncState, type SyncState, type SyncStatePatch, updateSyncState } from '../sync-state';
import type { UpstreamReader } from '../upstream-reader';

export interface SyncContext {
  readonly accountId: string;
  /** Who holds the sync, as the heartbeat records it. */
  readonly instanceId: string;
  readonly store: Store;
  readonly settings: SyncSettings;
  readonly upstream: UpstreamReader;
  /** The data clock (ms): the upstream's, which tests move. Call rates are real time (the pacers). */
  readonly now: () => number;
  readonly pacers: SyncPacers;
  /** Read per use: a line logged inside a request context carries its request id. */
  readonly log: Logger;
  readonly metrics: typeof metrics;
  /** Calls per purpose over the last minute, for the status panel. */
  readonly calls: CallStats;
  readonly state: SyncStateRecord;
  readonly reads: ReadTimes;
  readonly changes: ChangeTracker;
  /** True once the sync is stopping: long steps end between two calls. */
  readonly stopped: () => boolean;
}

/**
 * Three pacers, so that the follow's `DescribeRefreshTaskById` budget and the resource-group probes
 * never slow the head poll: `main` paces head poll, backfill and reconcile pages.
 */
export interface SyncPacers {
  readonly main: Pacer;
  readonly follow: Pacer;
  readonly groups: Pacer;
}

/** Thrown inside a step to end it early when the sync stops. */
export class SyncStopped extends Error {}

/** The account's `sync_state` row, loaded when this instance takes the sync and saved patch by patch. */
export class SyncStateRecord {
  private state: SyncState | null = null;

  constructor(
    private readonly store: Store,
    private readonly accountId: string,
  ) {}

  /** Reads the row (creating it on the account's first sync: the backfill starts from `now`). */
  async load(now: number): Promise<SyncState> {
    this.state = await ensureSyncState(this.store.db, this.accountId, now);
    return this.state;
  }

  get current(): SyncState {
    if (!this.state) throw new Error('sync state not loaded');
    return this.state;
  }

  async save(patch: SyncStatePatch): Promise<void> {
    Object.assign(this.current, patch);
    await updateSyncState(this.store.db, this.accountId, patch);
  }
}

/**
 * When rows were last read from the upstream (ms, the data clock): what the precision of a seen end
 * rests on (docs/sync.md, "Time to finish"), and when the follow next re-reads an id.
 */
export class ReadTimes {
  /** When each in-flight task id was last read by id. */
  readonly byTaskId = new Map<string, number>();
  /** When the running (or last) head poll began. */
  headAt = 0;
  /**
   * When the last call whose answer held each task in flight was sent, by any step: the true end of
   * a task later seen ended lies after it, so it bounds a seen end's precision. A task this process
   * never saw in flight (read by an earlier one) is absent, and its end stays unknown.
   */
  readonly inFlightSeenAt = new Map<string, number>();
}

/**
 * Rows changed: the next heartbeat tells readers (the change time is their cache's generation), and
 * the embedded store is tidied after enough of them (store/maintenance.ts).
 */
export class ChangeTracker {
  rowsSinceTidy = 0;
  lastChangeAt: number | null = null;
  private unsaved = false;

  constructor(private readonly now: () => number) {}

  /** `rows` rows were written or removed. */
  rowsChanged(rows: number): void {
    this.rowsSinceTidy += rows;
    this.noted();
  }

  /** Something readers see changed without a row changing (a resource group's domains). */
  noted(): void {
    this.lastChangeAt = this.now();
    this.unsaved = true;
  }

  /** Whether a change waits to be told; the caller tells it. */
  takeUnsaved(): boolean {
    const unsaved = this.unsaved;
    this.unsaved = false;
    return unsaved;
  }
}
