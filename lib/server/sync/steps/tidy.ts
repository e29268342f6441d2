/**
 * Tidy (store/maintenance.ts): the embedded store is tidied after enough changed rows, and once the
 * backfill has finished, at most once a TIDY_MIN_INTERVAL_MS. PostgreSQL tidies itself.
 */
import 'server-only';
import { needsTidying, TIDY_AFTER_ROWS, TIDY_MIN_INTERVAL_MS, tidyStore } from '../../store/maintenance';
import type { SyncContext } from './sync-context';

export class Tidy {
  private lastAt = 0;
  private tidiedAfterBackfill = false;

  isDue(ctx: SyncContext, now: number): boolean {
    const rows = ctx.changes.rowsSinceTidy;
    if (!needsTidying(ctx.store) || rows === 0) return false;
    if (now - this.lastAt < TIDY_MIN_INTERVAL_MS) return false;
    const backfillJustDone = ctx.state.current.backfillDone && !this.tidiedAfterBackfill;
    return rows >= TIDY_AFTER_ROWS || backfillJustDone;
  }

  async run(ctx: SyncContext, now: number): Promise<void> {
    const started = performance.now();
    await tidyStore(ctx.store);
    this.lastAt = now;
    this.tidiedAfterBackfill = ctx.state.current.backfillDone;
    const rows = ctx.changes.rowsSinceTidy;
    ctx.changes.rowsSinceTidy = 0;
    ctx.log.debug(
      { account: ctx.accountId, rows, ms: Math.round(performance.now() - started) },
      'store tidied',
    );
  }
}
