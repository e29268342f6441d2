/**
 * How many CSV exports run at once: each reads up to 100,000 rows from the store and holds a
 * connection's attention while the browser downloads, so one user may run at most 2, and one
 * instance at most EXPORT_MAX_CONCURRENT (default 6). The rest are refused at once with 429 and
 * Retry-After (docs/contract.md), not queued: the browser's download would otherwise hang silently.
 * A slot is held until the file has been sent, the download is abandoned, or (should neither ever
 * be reported) a quarter of an hour has passed.
 */
import 'server-only';
import { processSingleton } from '@/lib/node/process-singleton';

export const EXPORTS_PER_USER = 2;
const DEFAULT_EXPORTS_PER_INSTANCE = 6;
/** Longer than any export takes: a slot whose end was never reported is given back then. */
const MAX_HOLD_MS = 15 * 60_000;

export type SlotClaim = { ok: true; release: () => void } | { ok: false; scope: 'user' | 'instance' };

export interface ExportSlots {
  claim(userId: string): SlotClaim;
}

export function exportSlots(
  perInstance: number,
  perUser: number = EXPORTS_PER_USER,
  schedule: (release: () => void, ms: number) => void = (release, ms) => setTimeout(release, ms).unref(),
): ExportSlots {
  const byUser = new Map<string, number>();
  let running = 0;
  return {
    claim(userId) {
      const mine = byUser.get(userId) ?? 0;
      if (mine >= perUser) return { ok: false, scope: 'user' };
      if (running >= perInstance) return { ok: false, scope: 'instance' };
      byUser.set(userId, mine + 1);
      running += 1;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        running -= 1;
        const left = (byUser.get(userId) ?? 1) - 1;
        if (left > 0) byUser.set(userId, left);
        else byUser.delete(userId);
      };
      schedule(release, MAX_HOLD_MS);
      return { ok: true, release };
    },
  };
}

/** `stream` as it is, calling `release` once when it ends, fails or is cancelled. */
export function releasedWhenDone(
  stream: ReadableStream<Uint8Array>,
  release: () => void,
): ReadableStream<Uint8Array> {
  const reader = stream.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          release();
          controller.close();
        } else {
          controller.enqueue(value);
        }
      } catch (error) {
        release();
        controller.error(error);
      }
    },
    async cancel(reason) {
      release();
      await reader.cancel(reason);
    },
  });
}

/** EXPORT_MAX_CONCURRENT: a positive integer, else the default. */
export function exportsPerInstance(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const text = env.EXPORT_MAX_CONCURRENT?.trim();
  return text && /^[1-9]\d{0,3}$/.test(text) ? Number(text) : DEFAULT_EXPORTS_PER_INSTANCE;
}

/** This process's slots. */
export function processExportSlots(): ExportSlots {
  return processSingleton('export-slots', () => exportSlots(exportsPerInstance()));
}
