/**
 * The test-only control endpoints under /__emulator/: reset the data, move the clock, inject faults,
 * set quotas, start incidents, read the request log and the raw data, receive alerts. JSON in and out, no signature,
 * loopback callers only. A web page the demo user visits reaches loopback too: no request that carries
 * an `Origin` header (every browser's cross-site request does) is served, and a POST must say
 * `Content-Type: application/json` (a page's form or `text/plain` fetch cannot), whatever it holds.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { receiveAlert, sinkOf } from './alert-sink';
import { DOMAINS } from './dataset-catalog';
import { faultConfigSchema } from './faults';
import { incidentInputSchema } from './live-incident';
import { effectiveRateLimits, MAX_TASKS } from './options';
import { applyQuotaInput, quotaView } from './quota-control';
import { slowIncidentSchema } from './slow-incident';
import type { EmulatorState } from './state';
import { OBJECT_TYPES, TASK_STATUSES } from './task-model';
import { type RecordQuery, taskRecords } from './task-records';

export const CONTROL_PREFIX = '/__emulator/';

/** IPv4 loopback (also IPv4-mapped) or IPv6 loopback. */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

const instant = z.union([z.number(), z.iso.datetime({ offset: true }).transform((s) => Date.parse(s))]);

const resetSchema = z.strictObject({
  seed: z.number().int().optional(),
  tasks: z.number().int().min(0).max(MAX_TASKS).optional(),
  startInstant: instant.optional(),
  extendedKinds: z.boolean().optional(),
});

const clockSchema = z.strictObject({
  freeze: z.boolean().optional(),
  /** Run again from real time, moving the arrivals still to come along (EmulatorState.resumeClock). */
  resume: z.literal(true).optional(),
  advanceMs: z.number().optional(),
  set: instant.optional(),
});

const rateLimitsSchema = z.strictObject({
  limits: z.union([z.literal('off'), z.record(z.string(), z.number().min(0))]),
});

export interface ControlReply {
  status: number;
  body: unknown;
}

type Route = (state: EmulatorState, body: unknown, query: URLSearchParams) => ControlReply;

const ok = (body: unknown): ControlReply => ({ status: 200, body });

/** `kind: "slow"` picks the slow incident; anything else (no `kind` too) is a failure incident: the
 * default, so that a test which only wants an incident need not name one. */
const isSlow = (body: unknown) =>
  typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'slow';

const ROUTES: Record<string, Route> = {
  'GET health': (state) => ok(health(state)),
  'POST reset': (state, body) => {
    const input = resetSchema.parse(body ?? {});
    state.reset(input);
    sinkOf(state).length = 0;
    return ok(health(state));
  },
  'POST clock': (state, body) => {
    const input = clockSchema.parse(body ?? {});
    // Freeze (or unfreeze) first: frozen after `set`, the clock would stand at the set instant plus
    // the time the two steps took apart, a millisecond on a busy machine.
    if (input.freeze === true) state.clock.freeze();
    if (input.freeze === false) state.clock.unfreeze();
    if (input.resume) state.resumeClock();
    if (input.set !== undefined) state.clock.set(input.set);
    if (input.advanceMs !== undefined) state.clock.advance(input.advanceMs);
    return ok(clockView(state));
  },
  'GET clock': (state) => ok(clockView(state)),
  'GET faults': (state) => ok(state.faults.config),
  'POST faults': (state, body) => {
    state.faults.set(faultConfigSchema.parse(body ?? {}));
    return ok(state.faults.config);
  },
  'DELETE faults': (state) => {
    state.faults.clear();
    return ok(state.faults.config);
  },
  'GET rate-limits': (state) => ok({ limits: state.rateLimiter.current }),
  'POST rate-limits': (state, body) => {
    state.rateLimiter.configure(effectiveRateLimits(rateLimitsSchema.parse(body).limits));
    return ok({ limits: state.rateLimiter.current });
  },
  'GET incident': (state) => ok({ incidents: state.incidents, slowdowns: state.slowdownSummaries }),
  'POST incident': (state, body) =>
    ok(
      isSlow(body)
        ? state.startSlowdown(slowIncidentSchema.parse(body))
        : state.startIncident(incidentInputSchema.parse(body ?? {})),
    ),
  'POST alert-sink': (state, body, query) => ok(receiveAlert(state, body, query)),
  'GET alert-sink': (state) => ok({ received: sinkOf(state) }),
  'DELETE alert-sink': (state) => {
    sinkOf(state).length = 0;
    return ok({ received: [] });
  },
  'GET quota': (state) => ok(quotaView(state)),
  'POST quota': (state, body) => {
    applyQuotaInput(state, body);
    return ok(quotaView(state));
  },
  'GET requests': (state) => ok({ requests: state.requestLog.list() }),
  'DELETE requests': (state) => {
    state.requestLog.clear();
    return ok({ requests: [] });
  },
  'GET tasks': (state, _body, query) => {
    const now = state.now();
    return ok({ now: new Date(now).toISOString(), ...taskRecords(state.source, recordQuery(query), now) });
  },
};

export function answerControl(
  state: EmulatorState,
  method: string,
  name: string,
  body: unknown,
  query: URLSearchParams,
): ControlReply {
  const route = ROUTES[`${method} ${name}`];
  if (!route)
    return { status: 404, body: { error: `no control endpoint ${method} ${CONTROL_PREFIX}${name}` } };
  try {
    return route(state, body, query);
  } catch (error) {
    if (error instanceof z.ZodError)
      return { status: 400, body: { error: `invalid body: ${badFields(error)}`, issues: error.issues } };
    if (error instanceof RangeError) return { status: 400, body: { error: error.message } };
    throw error;
  }
}

/** The fields a rejected body got wrong, for the error line: "tasks, minutes" or "(body)". */
function badFields(error: z.ZodError): string {
  const names = error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' ? issue.keys : [issue.path.join('.') || '(body)'],
  );
  return [...new Set(names)].join(', ');
}

export async function serveControl(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  state: EmulatorState,
): Promise<void> {
  const reply = (status: number, payload: unknown) => {
    const text = JSON.stringify(payload);
    res.writeHead(status, {
      'content-type': 'application/json;charset=utf-8',
      'content-length': String(Buffer.byteLength(text)),
    });
    res.end(text);
  };
  if (!isLoopback(req.socket.remoteAddress)) {
    reply(403, { error: 'control endpoints answer loopback callers only' });
    return;
  }
  const refusal = browserRefusal(req);
  if (refusal) {
    reply(refusal.status, { error: refusal.error });
    return;
  }
  let parsed: unknown;
  try {
    parsed = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
  } catch {
    reply(400, { error: 'body is not JSON' });
    return;
  }
  const url = new URL(req.url ?? '/', 'http://emulator');
  const { status, body: payload } = answerControl(
    state,
    req.method ?? 'GET',
    url.pathname.slice(CONTROL_PREFIX.length),
    parsed,
    url.searchParams,
  );
  reply(status, payload);
}

/** Why a request that could have come from a web page is refused, or null for a test's own call. */
export function browserRefusal(req: Pick<IncomingMessage, 'method' | 'headers'>): {
  status: number;
  error: string;
} | null {
  if (req.headers.origin !== undefined)
    return { status: 403, error: 'control endpoints refuse requests from web pages (Origin header)' };
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type))
      return { status: 415, error: 'control endpoints take Content-Type: application/json' };
  }
  return null;
}

function health(state: EmulatorState) {
  const now = state.now();
  return {
    status: 'ok',
    now: new Date(now).toISOString(),
    frozen: state.clock.frozen,
    seed: state.params.seed,
    tasks: state.params.tasks,
    startInstant: new Date(state.params.startInstant).toISOString(),
    startedIncidents: state.incidents,
    extendedKinds: state.params.extendedKinds ?? false,
    incident: {
      domain: state.dataset.incident.domain,
      prefix: state.dataset.incident.prefix,
      start: new Date(state.dataset.incident.start).toISOString(),
      end: new Date(state.dataset.incident.end).toISOString(),
    },
  };
}

function clockView(state: EmulatorState) {
  return { now: new Date(state.now()).toISOString(), frozen: state.clock.frozen };
}

/** ?from&to (ISO) &type &status &domain (repeatable) &path &q &reason (repeatable) &offset &limit */
function recordQuery(query: URLSearchParams): RecordQuery {
  const codes = (name: string, names: readonly string[]) => {
    const values = query.getAll(name);
    return values.length === 0 ? undefined : new Set(values.map((v) => names.indexOf(v)));
  };
  const time = (name: string) => {
    const text = query.get(name);
    return text === null ? undefined : Date.parse(text);
  };
  const count = (name: string, fallback: number) => {
    const value = Number(query.get(name) ?? fallback);
    return Number.isInteger(value) && value >= 0 ? value : fallback;
  };
  const out: RecordQuery = { offset: count('offset', 0), limit: count('limit', Number.MAX_SAFE_INTEGER) };
  const from = time('from');
  if (from !== undefined) out.from = from;
  const to = time('to');
  if (to !== undefined) out.to = to;
  const types = codes('type', OBJECT_TYPES);
  if (types) out.types = types;
  const statuses = codes('status', TASK_STATUSES);
  if (statuses) out.statuses = statuses;
  const domains = codes(
    'domain',
    DOMAINS.map((d) => d.name),
  );
  if (domains) out.domains = domains;
  const path = query.get('path');
  if (path !== null) out.objectPath = path;
  const q = query.get('q');
  if (q !== null) out.q = q;
  const reasons = query.getAll('reason');
  if (reasons.length > 0) out.reasons = new Set(reasons);
  return out;
}
