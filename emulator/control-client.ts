/**
 * Plain fetch wrappers for the emulator's control endpoints, for tests (unit, e2e) that reset data,
 * move the clock, inject faults or read what a client actually sent.
 */
import type { SinkEntry } from './alert-sink';
import type { FaultConfig } from './faults';
import type { IncidentInput, IncidentSummary } from './live-incident';
import type { QuotaKind } from './quota';
import type { QuotaInput } from './quota-control';
import type { RateLimits } from './rate-limiter';
import type { LoggedRequest } from './request-log';
import type { SlowdownSummary, SlowIncidentInput } from './slow-incident';
import type { TaskRecord } from './task-records';

export interface EmulatorHealth {
  status: 'ok';
  now: string;
  frozen: boolean;
  seed: number;
  tasks: number;
  startInstant: string;
  extendedKinds: boolean;
  /** Incidents started through POST /__emulator/incident since the last reset. */
  startedIncidents: IncidentSummary[];
  /** The generated incident, 5 hours before the start instant. */
  incident: { domain: string; prefix: string; start: string; end: string };
}

export interface ClockState {
  now: string;
  frozen: boolean;
}

export interface ResetInput {
  seed?: number;
  tasks?: number;
  /** ISO or epoch ms; default: the emulator's now. */
  startInstant?: string | number;
  /** Block/unblock tasks and Timeout/Canceled endings; default: kept as the emulator has it, so a reset changes only what it names. */
  extendedKinds?: boolean;
}

export interface ClockInput {
  freeze?: boolean;
  advanceMs?: number;
  /** ISO or epoch ms. */
  set?: string | number;
  /** Run again from real time, moving the arrivals still to come along. */
  resume?: true;
}

/** Fault settings as posted: `latency.fixedMs`/`jitterMs` may be left out (0). */
export type FaultInput = Omit<FaultConfig, 'latency'> & {
  latency?: Partial<NonNullable<FaultConfig['latency']>>;
};

/** Query of the raw data: every key optional; repeatable ones take arrays. */
export interface TasksQuery {
  from?: string;
  to?: string;
  type?: string | string[];
  status?: string | string[];
  domain?: string | string[];
  reason?: string | string[];
  path?: string;
  q?: string;
  offset?: number;
  limit?: number;
}

export type { SinkEntry } from './alert-sink';
export type { IncidentInput, IncidentSummary } from './live-incident';
export type { QuotaInput } from './quota-control';

/** Every kind's quota and today's remainder as numbers, e.g. UrlQuota, UrlRemain; `day` is Beijing's. */
export type QuotaState = { day: string } & Record<`${QuotaKind}Quota` | `${QuotaKind}Remain`, number>;

export interface TasksSnapshot {
  now: string;
  total: number;
  tasks: TaskRecord[];
}

async function call<T>(baseUrl: string, method: string, path: string, body?: unknown): Promise<T> {
  // Every POST says JSON, even without a body: the emulator refuses one that does not.
  const response = await fetch(`${baseUrl}/__emulator/${path}`, {
    method,
    ...(method === 'GET' ? {} : { headers: { 'content-type': 'application/json' } }),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const payload: unknown = await response.json();
  if (!response.ok)
    throw new Error(
      `emulator control ${method} ${path} failed (${response.status}): ${JSON.stringify(payload)}`,
    );
  return payload as T;
}

export function controlClient(baseUrl: string) {
  return {
    health: () => call<EmulatorHealth>(baseUrl, 'GET', 'health'),
    reset: (input: ResetInput = {}) => call<EmulatorHealth>(baseUrl, 'POST', 'reset', input),
    clock: (input: ClockInput = {}) => call<ClockState>(baseUrl, 'POST', 'clock', input),
    setFaults: (faults: FaultInput) => call<FaultConfig>(baseUrl, 'POST', 'faults', faults),
    faults: () => call<FaultConfig>(baseUrl, 'GET', 'faults'),
    clearFaults: () => call<FaultConfig>(baseUrl, 'DELETE', 'faults'),
    setRateLimits: (limits: RateLimits | 'off') =>
      call<{ limits: RateLimits | 'off' }>(baseUrl, 'POST', 'rate-limits', { limits }),
    /** Starts an incident now: `tasks` failing tasks on domain + prefix over the next `minutes`. */
    startIncident: (input: IncidentInput) => call<IncidentSummary>(baseUrl, 'POST', 'incident', input),
    /** Starts a slow incident now: the domain's tasks created over the next `minutes` take `factor` times longer. */
    startSlowdown: (input: Omit<SlowIncidentInput, 'kind'>) =>
      call<SlowdownSummary>(baseUrl, 'POST', 'incident', { kind: 'slow', ...input }),
    incidents: async () =>
      (await call<{ incidents: IncidentSummary[] }>(baseUrl, 'GET', 'incident')).incidents,
    /** What the dashboard posted to `/__emulator/alert-sink` (a stand-in alert channel). */
    alertsReceived: async () =>
      (await call<{ received: SinkEntry[] }>(baseUrl, 'GET', 'alert-sink')).received,
    clearAlertsReceived: () => call<{ received: [] }>(baseUrl, 'DELETE', 'alert-sink'),
    quota: () => call<QuotaState>(baseUrl, 'GET', 'quota'),
    /** e.g. setQuota({ UrlRemain: 2 }): today's remainder; `…Quota` keys change the daily quota. */
    setQuota: (input: QuotaInput) => call<QuotaState>(baseUrl, 'POST', 'quota', input),
    requests: async () => (await call<{ requests: LoggedRequest[] }>(baseUrl, 'GET', 'requests')).requests,
    clearRequests: () => call<{ requests: [] }>(baseUrl, 'DELETE', 'requests'),
    tasks: (query: TasksQuery = {}) => call<TasksSnapshot>(baseUrl, 'GET', `tasks?${tasksSearch(query)}`),
  };
}

export type ControlClient = ReturnType<typeof controlClient>;

function tasksSearch(query: TasksQuery): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  return search.toString();
}
