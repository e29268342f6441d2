import 'server-only';
import { sql } from 'kysely';
import { Gauge } from 'prom-client';
import { processSingleton } from '@/lib/node/process-singleton';
import { configuredAccounts } from '../accounts/accounts';
import { metrics } from '../metrics';
import { hourCover, outsideCover } from '../store/cell-cover';
import { store } from '../store/database';
import { historyStart } from '../store/history';

/**
 * `cdnmon_tasks`: the stored tasks of the history window (HISTORY_DAYS) by account, type, status and
 * failure reason, for Grafana (docs/grafana/). Added up from the count cells at most every
 * COUNT_TTL_MS, however often it is scraped: a scrape costs no upstream call and, between
 * counts, no query. Every instance answers the same counts (the store is shared).
 */
const COUNT_TTL_MS = 30_000;

interface CountRow {
  account_id: string;
  object_type: string;
  status: string;
  reason: string | null;
  rows: string | number;
}

let cached: { at: number; rows: Promise<CountRow[]> } | null = null;

async function countTasks(now: number): Promise<CountRow[]> {
  const { db } = await store();
  const accounts = configuredAccounts().map((account) => account.id);
  if (accounts.length === 0) return [];
  // The window's whole hours from the count cells, the partial hours at its edges from rows
  // (docs/sync.md, "Count cells"): a scrape's count does not grow with history.
  const cover = hourCover({ startMs: historyStart(now), endMs: now });
  const [cells, edges] = await Promise.all([
    db
      .selectFrom('task_status_cells')
      .select([
        'account_id',
        'object_type',
        'status',
        sql<string>`nullif(reason, '')`.as('reason'),
        (eb) => eb.fn.sum<string>('n').as('rows'),
      ])
      .where('account_id', 'in', accounts)
      .where('hour', '>=', cover.lo)
      .where('hour', '<', cover.hi)
      .groupBy(['account_id', 'object_type', 'status', 'reason'])
      .execute(),
    db
      .selectFrom('tasks')
      .select(['account_id', 'object_type', 'status', 'reason', (eb) => eb.fn.countAll<string>().as('rows')])
      .where('account_id', 'in', accounts)
      .where('created_at', '>=', new Date(historyStart(now)))
      .where('created_at', '<=', new Date(now))
      .where(outsideCover(cover))
      .groupBy(['account_id', 'object_type', 'status', 'reason'])
      .execute(),
  ]);
  const sums = new Map<string, CountRow>();
  for (const row of [...cells, ...edges]) {
    const key = JSON.stringify([row.account_id, row.object_type, row.status, row.reason]);
    const sum = sums.get(key);
    if (sum) sum.rows = Number(sum.rows) + Number(row.rows);
    else sums.set(key, { ...row, rows: Number(row.rows) });
  }
  return [...sums.values()].filter((row) => Number(row.rows) > 0);
}

/** Registers the gauge on this process's registry (once); /api/metrics calls it before answering. */
export function registerTaskGauges(): void {
  processSingleton('task-gauges', () => {
    const { registry } = metrics();
    return new Gauge({
      name: 'cdnmon_tasks',
      help: 'Stored tasks of the history window by account, type, status and failure reason (none unless failed)',
      labelNames: ['account', 'type', 'status', 'reason'] as const,
      registers: [registry],
      async collect() {
        const now = Date.now();
        if (!cached || now - cached.at >= COUNT_TTL_MS) {
          const rows = countTasks(now);
          cached = { at: now, rows };
          // A failed count is retried by the next scrape rather than kept.
          rows.catch(() => {
            cached = null;
          });
        }
        let rows: CountRow[];
        try {
          rows = await cached.rows;
        } catch {
          return;
        }
        this.reset();
        for (const row of rows) {
          this.set(
            {
              account: row.account_id,
              type: row.object_type,
              status: row.status,
              reason: row.reason ?? 'none',
            },
            Number(row.rows),
          );
        }
      },
    });
  });
}
