import type { NextRequest } from 'next/server';
import { MAX_WAIT_SECONDS, type RefreshResponse } from '@/lib/refresh-types';
import { accountRefusal, resolveAccount } from '@/lib/server/accounts/account-access';
import { handleApiRequest } from '@/lib/server/api-request';
import { crossSiteRefusal } from '@/lib/server/auth/cross-site';
import { badRequest, jsonError } from '@/lib/server/http';
import { readJsonBody } from '@/lib/server/json-body';
import { refreshBody } from '@/lib/server/refresh/refresh-body';
import { refreshFingerprint, submitRefresh } from '@/lib/server/refresh/submit-refresh';
import { waitForTasks } from '@/lib/server/refresh/wait-for-tasks';
import { processWaitSlots, WAITS_PER_CALLER } from '@/lib/server/refresh/wait-slots';
import { BODY_LIMITS } from '@/lib/server/request-body';
import { idempotencyStore } from '@/lib/server/resubmit/idempotency';
import { pathsOutsideScope } from '@/lib/server/tokens/path-scope';
import { type Caller, requireCaller } from '@/lib/server/tokens/token-caller';

/**
 * POST /api/refresh[?wait=N][&acct=] — a new refresh or prefetch (operators from the dashboard's own pages,
 * or an API token of the submit scope): `{ objectType, paths, acct?, idempotencyKey? }`. 201 with
 * the new tasks; with `wait`, 200 once every task has completed, 422 once all ended and some did not
 * complete, 202 with the states so far when N seconds run out. Nothing is submitted on a 400, 403 or
 * 429. docs/public-api.md.
 */
export function POST(request: NextRequest): Promise<Response> {
  return handleApiRequest(request, 'refresh', async () => {
    const caller = await requireCaller(request.headers, 'operator');
    if (!caller.ok) return caller.response;
    if (caller.token === null) {
      const refused = crossSiteRefusal(request);
      if (refused) return refused;
    }
    const wait = waitOf(request.nextUrl.searchParams);
    if (!wait.ok) return wait.response;
    // Each caller's waits are bounded (wait-slots.ts): claimed before anything is submitted.
    const slot = wait.seconds === null ? null : processWaitSlots().claim(caller.user.id);
    if (slot && !slot.ok) return tooManyWaits(slot.scope);
    try {
      return await submitAndAnswer(request, caller, wait.seconds);
    } finally {
      if (slot?.ok) slot.release();
    }
  });
}

/** The request past its caller and `wait`: the account, the body, the submission and the answer. */
async function submitAndAnswer(
  request: NextRequest,
  caller: Extract<Caller, { ok: true }>,
  waitSeconds: number | null,
): Promise<Response> {
  // The account may be in the address, as on every route (checked before the body is read), or in
  // the body; both must then agree.
  const named = request.nextUrl.searchParams.getAll('acct');
  if (named.length > 1) return badRequest({ acct: 'may be given only once' });
  const inAddress = named[0] ?? null;
  if (inAddress !== null) {
    const early = resolveAccount(caller.user, inAddress);
    if (!early.ok) return accountRefusal(early.message);
  }
  const parsed = await readJsonBody(request, refreshBody, BODY_LIMITS.refresh);
  if (!parsed.ok) return 'response' in parsed ? parsed.response : invalidBody(parsed.fields);
  const body = parsed.body;
  if (inAddress !== null && body.acct !== undefined && body.acct !== inAddress) {
    return invalidBody({ acct: 'names another account than the address' });
  }
  const account = resolveAccount(caller.user, inAddress ?? body.acct ?? null);
  if (!account.ok) return accountRefusal(account.message);

  const outside = pathsOutsideScope(body.paths, caller.token?.paths ?? null, body.objectType === 'Regex');
  if (outside.length > 0) return outsideToken(outside);

  const run = () =>
    submitRefresh({
      accountId: account.account.id,
      objectType: body.objectType,
      paths: body.paths,
      idempotencyKey: body.idempotencyKey ?? null,
      user: caller.user,
      tokenId: caller.token?.id ?? null,
    });
  let replayed = false;
  let outcome: Awaited<ReturnType<typeof run>>;
  if (body.idempotencyKey) {
    const once = await idempotencyStore().once(
      `${caller.user.id}:refresh:${body.idempotencyKey}`,
      refreshFingerprint(caller.user.id, account.account.id, body.objectType, body.paths),
      run,
    );
    if (once.kind === 'mismatch') {
      return jsonError(422, {
        code: 'IdempotencyKeyReused',
        message: 'This idempotency key was used for a different request; nothing was submitted.',
      });
    }
    if (once.kind === 'still-running') {
      return jsonError(
        409,
        {
          code: 'SubmissionInProgress',
          message: 'The same submission is still running; retry for its result.',
        },
        { 'Retry-After': '5' },
      );
    }
    replayed = once.kind === 'replayed';
    outcome = once.result;
  } else {
    outcome = await run();
  }

  if (outcome.kind === 'malformed') return invalidBody(outcome.fields);
  if (outcome.kind === 'over-quota') {
    return jsonError(429, {
      code: 'QuotaExceeded',
      message: `Today's quota leaves ${outcome.remaining} of this type; the request needs ${outcome.needed}. Nothing was submitted.`,
    });
  }
  const headers: Record<string, string> = replayed ? { 'Idempotent-Replayed': 'true' } : {};
  const submitted = outcome.response;
  if (submitted.failed.length > 0 || submitted.notAttempted.length > 0) {
    // Refused calls alone (a domain not in the account) are the request's fault; anything that
    // stopped the run (quota, throttling, an outage) is the upstream's.
    const status = submitted.notAttempted.length === 0 ? 422 : 502;
    const error = {
      code: 'SubmissionIncomplete',
      message: 'Some paths were not submitted (see failed and notAttempted); the tasks listed were created.',
    };
    return answer(status, { error, ...submitted }, headers);
  }
  if (waitSeconds === null) return answer(201, submitted, headers);
  const waited = await waitForTasks(submitted.accountId, submitted.tasks, waitSeconds * 1000, request.signal);
  const final: RefreshResponse = { ...submitted, tasks: waited.tasks, ended: waited.ended };
  if (!waited.ended) return answer(202, final, headers);
  const allComplete = waited.tasks.every((task) => task.status === 'Complete');
  return answer(allComplete ? 200 : 422, final, headers);
}

/** The `wait` key (seconds, 0 to MAX_WAIT_SECONDS); besides it the address may hold only `acct`. */
function waitOf(
  params: URLSearchParams,
): { ok: true; seconds: number | null } | { ok: false; response: Response } {
  const unknown = [...new Set(params.keys())].filter((key) => key !== 'wait' && key !== 'acct');
  if (unknown.length > 0) {
    return {
      ok: false,
      response: badRequest(Object.fromEntries(unknown.map((key) => [key, 'is not a known key here']))),
    };
  }
  const values = params.getAll('wait');
  if (values.length === 0) return { ok: true, seconds: null };
  const value = values[0] ?? '';
  if (values.length > 1 || !/^\d{1,4}$/.test(value) || Number(value) > MAX_WAIT_SECONDS) {
    return { ok: false, response: badRequest({ wait: `seconds, 0 to ${MAX_WAIT_SECONDS}` }) };
  }
  return { ok: true, seconds: Number(value) };
}

/** 429 for a wait beyond the caller's (or the instance's) share; nothing was submitted. */
function tooManyWaits(scope: 'user' | 'instance'): Response {
  return jsonError(
    429,
    {
      code: 'TooManyWaits',
      message:
        scope === 'user'
          ? `You have ${WAITS_PER_CALLER} submissions waiting for their tasks; nothing was submitted. Try again when one has answered.`
          : 'The dashboard has as many submissions waiting as it may; nothing was submitted. Try again shortly.',
    },
    { 'Retry-After': '10' },
  );
}

/** 403 naming the first paths outside the token's limits (paths are the caller's own, safe to echo). */
function outsideToken(outside: readonly string[]): Response {
  const more = outside.length > 10 ? ` and ${outside.length - 10} more` : '';
  return jsonError(403, {
    code: 'PathsOutsideToken',
    message: `Outside the token's domains and prefixes, so nothing was submitted: ${outside.slice(0, 10).join(', ')}${more}`,
    fields: { paths: `${outside.length} outside the token's domains and prefixes` },
  });
}

function answer(status: number, body: unknown, headers: Record<string, string>): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}

function invalidBody(fields: Record<string, string>): Response {
  return jsonError(400, {
    code: 'BadRequest',
    message: `Invalid request: ${Object.keys(fields).join(', ')}; nothing was submitted.`,
    fields,
  });
}
