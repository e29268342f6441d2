/**
 * A stand-in receiver for the dashboard's alert channels (`POST /__emulator/alert-sink`): it keeps
 * every JSON body posted to it, with the query it came with, so demo mode and the e2e tests can
 * point ALERT_WEBHOOK_URL (or a robot's URL) at the emulator and see alerts arrive
 * (`GET /__emulator/alert-sink`). Answers like a robot that accepted the message.
 */
import type { EmulatorState } from './state';

export interface SinkEntry {
  /** ISO, real time. */
  at: string;
  query: Record<string, string>;
  body: unknown;
}

const MAX_ENTRIES = 500;
const sinks = new WeakMap<EmulatorState, SinkEntry[]>();

export function sinkOf(state: EmulatorState): SinkEntry[] {
  let entries = sinks.get(state);
  if (!entries) {
    entries = [];
    sinks.set(state, entries);
  }
  return entries;
}

export function receiveAlert(
  state: EmulatorState,
  body: unknown,
  query: URLSearchParams,
): { errcode: 0; code: 0; ok: true } {
  const entries = sinkOf(state);
  entries.push({ at: new Date().toISOString(), query: Object.fromEntries(query), body });
  if (entries.length > MAX_ENTRIES) entries.splice(0, entries.length - MAX_ENTRIES);
  // DingTalk answers errcode 0, Feishu code 0; a generic webhook ignores the body.
  return { errcode: 0, code: 0, ok: true };
}
