/**
 * Serving one API call over HTTP: where injected transport faults happen (latency, dropped or hung
 * connections, spoiled bodies) and where every call is written to the request log.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ApiAnswer, type ApiRuntime, answerIncomingCall } from './api-call';
import type { FaultPlan } from './faults';
import { type HttpCall, readIncomingCall } from './incoming-call';
import { newRequestId } from './request-id';
import { loggableParameters } from './request-log';

export async function serveApiCall(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  runtime: ApiRuntime,
): Promise<void> {
  const call = readIncomingCall(toHttpCall(req, body));
  const plan = runtime.state.faults.plan(call.action ?? null);
  const arrived = new Date(runtime.wallNow()).toISOString();
  const log = (
    answer: Pick<ApiAnswer, 'requestId' | 'accessKeyId' | 'status' | 'code'>,
    fault: string | null,
  ) =>
    runtime.state.requestLog.add({
      time: arrived,
      requestId: answer.requestId,
      method: call.http.method,
      action: call.action ?? null,
      parameters: loggableParameters(call.pairs),
      signatureVersion: call.signatureVersion,
      accessKeyId: answer.accessKeyId,
      status: answer.status,
      code: answer.code,
      fault,
    });

  if (plan.latencyMs > 0) await sleep(plan.latencyMs);
  if (plan.transport !== null) {
    log({ requestId: newRequestId(), accessKeyId: null, status: 0, code: null }, plan.transport);
    // A hang answers nothing; close() drops the socket. A reset sends TCP RST.
    if (plan.transport === 'connectionReset') req.socket.resetAndDestroy();
    return;
  }
  const answer = answerIncomingCall(call, runtime, plan);
  log(answer, faultLabel(plan, answer));
  sendAnswer(res, answer, plan.body);
}

/** Which injected fault (if any) shaped this answer, for the request log. */
function faultLabel(plan: FaultPlan, answer: ApiAnswer): string | null {
  if (plan.body !== null) return plan.body;
  if (plan.error !== null && answer.code === plan.error) return 'error';
  if (plan.forceThrottle && answer.headers['x-acs-retry-after'] !== undefined) return 'throttling';
  return null;
}

function sendAnswer(
  res: ServerResponse,
  answer: ApiAnswer,
  spoil: 'malformedJson' | 'truncatedBody' | null,
): void {
  const text = JSON.stringify(answer.body);
  const half = text.slice(0, Math.floor(text.length / 2));
  // Malformed: a complete HTTP answer whose body is not JSON. Truncated: the connection dies mid-body.
  const sent = spoil === 'malformedJson' ? `${half}<!-- upstream gateway error -->` : text;
  res.writeHead(answer.status, {
    'content-type': 'application/json;charset=utf-8',
    'content-length': String(Buffer.byteLength(sent)),
    'x-acs-request-id': answer.requestId,
    ...answer.headers,
  });
  if (spoil === 'truncatedBody') {
    res.write(half, () => res.destroy());
    return;
  }
  res.end(sent);
}

function toHttpCall(req: IncomingMessage, body: Buffer): HttpCall {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return { method: req.method ?? 'GET', headers, rawQuery: q === -1 ? '' : url.slice(q + 1), body };
}
