/**
 * One API call from bytes to answer, independent of node:http so tests and the benchmark can drive it
 * directly: check action and version, authenticate, apply rate limits and injected errors, run the
 * action, shape the answer.
 */
import { ActionParams } from './action-params';
import { ACTIONS, versionOf } from './actions';
import { ApiError, errorBody, missingParameter } from './api-error';
import { authenticate, type Credentials } from './authenticate';
import type { FaultPlan } from './faults';
import type { IncomingCall, SignatureVersion } from './incoming-call';
import { newRequestId } from './request-id';
import type { EmulatorState } from './state';
import { throttledError } from './throttling';

export interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  requestId: string;
  /** For the request log: what was asked, by whom, and how it ended. */
  action: string | null;
  signatureVersion: SignatureVersion | null;
  accessKeyId: string | null;
  code: string | null;
}

export interface ApiRuntime {
  state: EmulatorState;
  /** Every access key (one or more); the keys of one account share its rate limits. */
  keys: readonly Credentials[];
  /** The account of a key without its own `accountId`; rate limits are counted per account. */
  accountId: string;
  /** Real time, for timestamp skew, nonce expiry and rate limits. */
  wallNow: () => number;
}

/** Retry hint on a forced throttle: as if the bucket refilled within a second. */
const FORCED_RETRY_AFTER_MS = 1000;

const INJECTED_ERRORS = {
  InternalError: () =>
    new ApiError('InternalError', 500, 'The request processing has failed due to some unknown error.'),
  ServiceUnavailable: () =>
    new ApiError(
      'ServiceUnavailable',
      503,
      'The request has failed due to a temporary failure of the server.',
    ),
};

export function answerIncomingCall(call: IncomingCall, runtime: ApiRuntime, plan?: FaultPlan): ApiAnswer {
  const { state } = runtime;
  const answer: Omit<ApiAnswer, 'status' | 'headers' | 'body' | 'code'> = {
    requestId: newRequestId(),
    action: call.action ?? null,
    signatureVersion: call.signatureVersion,
    accessKeyId: null,
  };
  try {
    const handler = findHandler(call);
    const wallNow = runtime.wallNow();
    const caller = authenticate(call, { keys: runtime.keys, wallNow, nonces: state.nonces });
    answer.accessKeyId = caller.accessKeyId;
    const shape = state.faults.config.throttling?.shape ?? state.throttleShape;
    if (plan?.forceThrottle) throw throttledError(shape, FORCED_RETRY_AFTER_MS);
    const accountId = caller.accountId ?? runtime.accountId;
    const retryAfter = state.rateLimiter.take(accountId, call.action ?? '', wallNow);
    if (retryAfter > 0) throw throttledError(shape, retryAfter);
    if (plan?.error) throw INJECTED_ERRORS[plan.error]();
    const params = new ActionParams(call.params);
    const result = handler({ params, state, accessKeyId: caller.accessKeyId, accountId, now: state.now() });
    return {
      ...answer,
      status: 200,
      headers: {},
      body: { RequestId: answer.requestId, ...result },
      code: null,
    };
  } catch (error) {
    return errorAnswer(answer, toApiError(error));
  }
}

function findHandler(call: IncomingCall) {
  if (call.action === undefined) throw missingParameter('Action');
  const handler = ACTIONS[call.action];
  if (!handler) {
    throw new ApiError(
      'InvalidAction.NotFound',
      404,
      `Specified api "${call.action}" is not found, please check your url and method.`,
    );
  }
  if (call.version === undefined) throw missingParameter('Version');
  if (call.version !== versionOf(call.action)) {
    throw new ApiError('InvalidVersion', 400, `Specified parameter Version "${call.version}" is not valid.`);
  }
  return handler;
}

function errorAnswer(
  base: Omit<ApiAnswer, 'status' | 'headers' | 'body' | 'code'>,
  error: ApiError,
): ApiAnswer {
  return {
    ...base,
    status: error.httpStatus,
    headers: { ...error.headers },
    body: { ...errorBody(error, base.requestId) },
    code: error.code,
  };
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  // A bug in the emulator must still look like the service failing, not crash the connection.
  console.error('emulator: unexpected error', error);
  return new ApiError('InternalError', 500, 'The request processing has failed due to some unknown error.');
}
