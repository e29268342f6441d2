/** The JSON contract of the dashboard's API (docs/contract.md), shared by route handlers and the browser. */
import type { Task } from './task';

export interface TaskListResponse {
  tasks: Task[];
  page: number;
  size: number;
  total: number;
  /** When the store last matched the upstream. */
  fetchedAt: string;
  /** True while the sync's backfill has not yet reached the window's start. */
  partial: boolean;
  /** The oldest time from which the store holds every task; null before the first sync. */
  syncedFrom?: string | null;
  /**
   * Only with `rg`: `known` (the group's domains are known), `pending` (being looked up: `partial`),
   * `limited` (not looked up: the user had their hour's share of new groups looked up; `partial`).
   */
  resourceGroup?: 'known' | 'pending' | 'limited';
}

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    /** Each bad key of the query string and what is wrong with it. */
    fields?: Record<string, string>;
    upstream?: { code: string; requestId: string | null };
  };
}

/** `GET /api/sync`: how fresh and how complete the store is. `detail` is for operators only. */
export interface SyncStatusResponse {
  /** When the store last matched the upstream; null before the first head poll. */
  syncedAt: string | null;
  /** How far back views may reach: HISTORY_DAYS, or the oldest synced task if that is later. */
  historyStartsAt: string;
  historyDays: number;
  backfill: {
    done: boolean;
    /** The store holds every task from here on; null before the sync began. */
    syncedFrom: string | null;
    storedRows: number;
    /** What the upstream said it held when the backfill began, plus what arrived since. */
    estimatedRows: number | null;
  };
  /** When the sync last stored a new or changed row: views refresh when it moves. */
  changedAt: string | null;
  /** Some instance is syncing (it wrote its heartbeat within the last 30 s). */
  syncing: boolean;
  detail?: {
    callsPerSecond: Record<string, number>;
    inFlightRows: number;
    /** How long the most overdue in-flight row has waited past its turn to be re-read (0: none). */
    followBehindSeconds: number;
    lastError: string | null;
    lastErrorAt: string | null;
    heartbeatAt: string | null;
  };
}
