/** Prune (docs/sync.md, "The sync"): hourly, the account's rows older than HISTORY_DAYS leave the store. */
import 'server-only';
import { pruneTasks } from '../../store/task-rows';
import type { SyncContext } from './sync-context';

const DAY = 24 * 60 * 60_000;

export class Prune {
  /** When the last prune ran (ms, the data clock). */
  lastAt = 0;

  isDue(ctx: SyncContext, now: number): boolean {
    return now - this.lastAt >= ctx.settings.pruneIntervalMs;
  }

  async run(ctx: SyncContext, now: number): Promise<void> {
    this.lastAt = now;
    const removed = await pruneTasks(
      ctx.store.db,
      ctx.accountId,
      new Date(now - ctx.store.settings.historyDays * DAY),
    );
    if (removed === 0) return;
    ctx.log.info({ account: ctx.accountId, removed }, 'pruned tasks past HISTORY_DAYS');
    ctx.changes.rowsChanged(removed);
  }
}
