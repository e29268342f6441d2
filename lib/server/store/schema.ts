/**
 * The store's tables as Kysely sees them. The SQL that creates them is in migrations/; this is its
 * TypeScript mirror, kept by hand (and checked by the store tests, which run every query).
 */
import 'server-only';
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** One row per (account, task id, object path): a submission of several URLs shares a task id. */
export interface TasksTable {
  account_id: string;
  task_id: string;
  object_path: string;
  object_type: string;
  status: string;
  progress: number;
  created_at: Timestamp;
  domain: string;
  /** `img.example.com/products/2026/`: what triage and the charts group by, computed once. */
  prefix: string;
  description: string | null;
  reason: string | null;
  /** When the sync first stored this row or last saw it change upstream. */
  changed_at: Timestamp;
  /** When the sync first saw the row ended after seeing it in flight; null otherwise (0007). */
  finished_at: Timestamp | null;
  /** The re-read interval in force for the row when its end was seen: how late finished_at may be. */
  finished_precision_ms: number | null;
}

/** Where one account's sync stands; readable by every instance, written by the one that syncs. */
export interface SyncStateTable {
  account_id: string;
  /** When the first backfill began: everything created after it is the head poll's. */
  backfill_from: Timestamp;
  /** The backfill has read everything created in [backfill_cursor, backfill_from]. */
  backfill_cursor: Timestamp;
  backfill_done: Generated<boolean>;
  /** Rows the upstream said the retention window held when the backfill began (for its progress). */
  backfill_estimate: number | null;
  /** The head poll has read everything created up to here (its next window starts before it). */
  head_mark: Timestamp | null;
  /** When the store last matched the upstream: the end of the last successful head poll. */
  synced_at: Timestamp | null;
  last_error: string | null;
  last_error_at: Timestamp | null;
  /** The syncing instance's figures (calls/s by purpose…), JSON, for the status panel. */
  stats: ColumnType<unknown, string | undefined, string>;
  /** Which instance syncs, and when it last said so. */
  leader: string | null;
  heartbeat_at: Timestamp | null;
  reconcile_slice: Generated<number>;
}

interface ResourceGroupDomainsTable {
  account_id: string;
  resource_group_id: string;
  domain: string;
  member: boolean;
  checked_at: Timestamp;
}

/** One firing of an alert rule on one group (migrations/0002-alerts.ts). */
export interface AlertsTable {
  id: Generated<number>;
  account_id: string;
  rule: string;
  reason: string;
  /** `domain:<domain>` or `prefix:<domain>/<path prefix>`: what the rule counted. */
  group_key: string;
  domain: string;
  /** The path prefix (`/products/2026/`), null for a whole domain. */
  prefix: string | null;
  state: 'firing' | 'resolved';
  /** The window that fired (data clock). */
  window_start: Timestamp;
  window_end: Timestamp;
  count: number;
  /** The group's average per window over the 24 h before the firing window. */
  baseline: number;
  peak_count: number;
  /** The count at the latest evaluation. */
  last_count: number;
  /** Since when the group has been below the threshold (null while at or above it). */
  below_since: Timestamp | null;
  resolved_at: Timestamp | null;
}

/** One message owed to one channel for one event of an alert. */
export interface AlertDeliveriesTable {
  alert_id: number;
  event: 'firing' | 'resolved';
  channel: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Who first asked for a resource group the store did not know (migrations/0004-…). */
interface ResourceGroupAsksTable {
  account_id: string;
  /** The session user's stable id (`local:olivia`). */
  asked_by: string;
  resource_group_id: string;
  asked_at: Timestamp;
}

/** What one account id of the store mirrors (migrations/0004-identity-and-group-asks.ts). */
export interface StoreIdentityTable {
  account_id: string;
  /** The Alibaba Cloud account STS named; null when it was recorded by key only. */
  cloud_account_id: string | null;
  /** The CDN endpoint's origin (`https://cdn.aliyuncs.com`). */
  endpoint: string;
  /** SHA-256 of the AccessKeyId (never the key itself, never the secret); null when none was found. */
  access_key_hash: string | null;
  /** `LTAI…w9E`: enough for an operator to recognise the key in a message. */
  access_key_hint: string | null;
  recorded_at: Timestamp;
  verified_at: Timestamp;
}

/** A signed-out session, refused until it would have ended anyway (migrations/0005-session-revocations.ts). */
export interface RevokedSessionsTable {
  session_id: string;
  expires_at: Timestamp;
}

/** One API token (migrations/0006-tokens-and-activity.ts); the secret itself is never stored. */
export interface ApiTokensTable {
  id: string;
  /** SHA-256 of the secret, hex (lib/server/tokens/token-secret.ts). */
  secret_hash: string;
  name: string;
  scope: 'read' | 'submit';
  /** Account ids the token may use; null: every account its creator could when it was made. */
  accounts: ColumnType<string[] | null, string | null, string | null>;
  /** Domains or `domain/path-prefix`es the token may submit under; null: any. */
  paths: ColumnType<string[] | null, string | null, string | null>;
  created_by: string;
  created_by_name: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
  /**
   * The maker's users-file entry when the token was made (makerStamp in
   * lib/server/auth/local-accounts.ts); null: a maker without one (single sign-on), or a token made
   * before entries were recorded, bound at its first use.
   */
  maker_entry: ColumnType<string | null, string | null | undefined, string | null>;
}

type JsonList = ColumnType<unknown, string, string>;

/** One submission made through the dashboard (migrations/0006-tokens-and-activity.ts). */
export interface SubmissionsTable {
  id: Generated<number>;
  account_id: string;
  submitted_at: Timestamp;
  /** `refresh` (POST /api/refresh, from the form or a token) or `resubmit`. */
  source: string;
  /** The user's name, or the token's. */
  actor: string;
  actor_kind: string;
  /** `local:<name>`, `oidc:<sub>` or `token:<id>`. */
  subject: string;
  object_type: string;
  domains: JsonList;
  /** The first paths (lib/activity-types.ts ACTIVITY_LISTED_PATHS). */
  paths: JsonList;
  path_count: number;
  task_ids: JsonList;
  /** `[{ domain, code, count }]` per refused or failed call. */
  failures: JsonList;
  not_attempted: number;
}

/** Count cells (migrations/0003-cells.ts, docs/sync.md): kept by triggers on `tasks`. */
export interface TaskCountsTable {
  account_id: string;
  stored: ColumnType<string | number, never, never>;
  in_flight: ColumnType<string | number, never, never>;
}

export interface TaskHourCountsTable {
  account_id: string;
  hour: number;
  n: number;
}

/** The key of the hour cells by status, type, reason and domain (task_cells, task_duration_cells). */
interface HourCellKey {
  account_id: string;
  /** Hours since the Unix epoch, of the rows' creation. */
  hour: number;
  status: string;
  object_type: string;
  /** '' for a row without a reason. */
  reason: string;
  domain: string;
}

/** Rows whose end the sync saw, per creation hour and duration bin (migrations/0008-duration-cells.ts). */
export interface TaskDurationCellsTable extends HourCellKey {
  /** The bin of finished_at − created_at in lib/duration-bins.ts's DURATION_EDGES. */
  dbin: number;
  n: number;
}

/** The same per creation hour, status, type and bin alone, for views without reason or domain filters. */
export interface TaskDurationTypeCellsTable {
  account_id: string;
  hour: number;
  status: string;
  object_type: string;
  dbin: number;
  n: number;
}

/** The same per 6-hour slot (`hour`: its first hour, a multiple of 6), for 6-hour timeline buckets. */
export type TaskDurationSlotCellsTable = TaskDurationTypeCellsTable;

/** task_duration_slot_cells without the status (migrations/0013-duration-days.ts). */
export interface TaskDurationTypeSlotsTable {
  account_id: string;
  /** The slot's first hour (a multiple of 6). */
  hour: number;
  object_type: string;
  dbin: number;
  n: number;
}

/** task_duration_cells summed per UTC creation day, domain, type and bin (migrations/0013-duration-days.ts). */
export interface TaskDurationDaysTable {
  account_id: string;
  /** Days since the Unix epoch, of the rows' creation. */
  day: number;
  domain: string;
  object_type: string;
  dbin: number;
  n: number;
}

export interface TaskCellsTable extends HourCellKey {
  /** The in-flight progress bin (0–9), -1 when not in flight. */
  pbin: number;
  n: number;
}

export interface TaskStatusCellsTable {
  account_id: string;
  hour: number;
  status: string;
  object_type: string;
  reason: string;
  pbin: number;
  n: number;
}

export interface TaskPrefixTotalsTable {
  account_id: string;
  domain: string;
  prefix: string;
  n: number;
  failed: number;
  origin_timeout: number;
}

export interface TaskPrefixCellsTable {
  account_id: string;
  /** 1: the slot is an hour; 24: a UTC day; 0: all time (slot 0). */
  span: number;
  /** Spans since the Unix epoch. */
  slot: number;
  domain: string;
  prefix: string;
  status: string;
  object_type: string;
  reason: string;
  n: number;
}

/** task_status_cells per 6-hour slot (migrations/0009-coarse-cells.ts). */
export interface TaskStatusQuartersTable {
  account_id: string;
  /** 6-hour slots since the Unix epoch. */
  quarter: number;
  status: string;
  object_type: string;
  reason: string;
  pbin: number;
  n: number;
}

/** Rows per UTC day, domain and type (migrations/0009-coarse-cells.ts). */
export interface TaskDomainDaysTable {
  account_id: string;
  /** Days since the Unix epoch. */
  day: number;
  domain: string;
  object_type: string;
  n: number;
}

export interface TaskFailureCellsTable {
  account_id: string;
  hour: number;
  reason: string;
  domain: string;
  prefix: string;
  object_type: string;
  n: number;
  first_at: Timestamp;
  last_at: Timestamp;
}

export interface Database {
  tasks: TasksTable;
  task_counts: TaskCountsTable;
  task_hour_counts: TaskHourCountsTable;
  task_cells: TaskCellsTable;
  task_status_cells: TaskStatusCellsTable;
  task_prefix_totals: TaskPrefixTotalsTable;
  task_prefix_cells: TaskPrefixCellsTable;
  task_failure_cells: TaskFailureCellsTable;
  task_status_quarters: TaskStatusQuartersTable;
  task_domain_days: TaskDomainDaysTable;
  task_duration_cells: TaskDurationCellsTable;
  task_duration_type_cells: TaskDurationTypeCellsTable;
  task_duration_slot_cells: TaskDurationSlotCellsTable;
  task_duration_days: TaskDurationDaysTable;
  task_duration_type_slots: TaskDurationTypeSlotsTable;
  sync_state: SyncStateTable;
  resource_group_domains: ResourceGroupDomainsTable;
  alerts: AlertsTable;
  alert_deliveries: AlertDeliveriesTable;
  store_identity: StoreIdentityTable;
  resource_group_asks: ResourceGroupAsksTable;
  revoked_sessions: RevokedSessionsTable;
  api_tokens: ApiTokensTable;
  submissions: SubmissionsTable;
}
