/**
 * Every API call the emulator received, accepted or refused, for tests that check what a client
 * actually sent (how many calls, which filters, which signature). Never records a signature or secret.
 */
import type { SignatureVersion } from './incoming-call';

export interface LoggedRequest {
  /** Real time the call arrived, ISO. */
  time: string;
  requestId: string;
  method: string;
  action: string | null;
  /** All parameters but Signature; a security token shows as "***". */
  parameters: Record<string, string>;
  signatureVersion: SignatureVersion | null;
  accessKeyId: string | null;
  /** 0 when no HTTP answer was sent (connection reset, hang). */
  status: number;
  /** The error code answered, or null on success. */
  code: string | null;
  /** The injected fault that shaped the answer, if any. */
  fault: string | null;
}

const MAX_ENTRIES = 10_000;
const HIDDEN = new Set(['Signature']);
const MASKED = new Set(['SecurityToken']);

export function loggableParameters(pairs: readonly (readonly [string, string])[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of pairs) {
    if (HIDDEN.has(name)) continue;
    out[name] = MASKED.has(name) ? '***' : value;
  }
  return out;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    // Bounded, so a long demo session cannot grow memory without end.
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  list(): readonly LoggedRequest[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}
