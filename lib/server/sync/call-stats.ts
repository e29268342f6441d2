import 'server-only';

/** Calls the sync made per purpose over the last minute: what the status panel and metrics show. */
export type SyncPurpose = 'backfill' | 'head' | 'follow' | 'reconcile' | 'groups';

const WINDOW_MS = 60_000;

export class CallStats {
  private readonly calls: Array<{ at: number; purpose: SyncPurpose }> = [];

  constructor(private readonly now: () => number = Date.now) {}

  record(purpose: SyncPurpose): void {
    this.calls.push({ at: this.now(), purpose });
    this.trim();
  }

  perSecond(): Record<SyncPurpose, number> {
    this.trim();
    const counts: Record<SyncPurpose, number> = { backfill: 0, head: 0, follow: 0, reconcile: 0, groups: 0 };
    for (const call of this.calls) counts[call.purpose] += 1;
    for (const purpose of Object.keys(counts) as SyncPurpose[]) {
      counts[purpose] = Math.round((counts[purpose] / (WINDOW_MS / 1000)) * 100) / 100;
    }
    return counts;
  }

  private trim(): void {
    const oldest = this.now() - WINDOW_MS;
    while (this.calls.length > 0 && (this.calls[0]?.at ?? 0) < oldest) this.calls.shift();
  }
}
