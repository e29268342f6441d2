import 'server-only';
import { sql } from 'kysely';
import { peekProcessSingleton, setProcessSingleton } from '@/lib/node/process-singleton';
import { store } from './store/database';

/**
 * Readiness: can this instance serve data? It can when its store answers: every read comes from
 * the store, and an upstream outage only makes the data older (the pages say how old), it does not
 * stop the dashboard. A result is reused for a moment however often the load balancer asks.
 */
export interface Readiness {
  ready: boolean;
  /** What made the instance unready, for logs and metrics; null when ready. */
  code: string | null;
  checkedAt: string;
}

const REUSE_MS = 2_000;
type LastCheck = { at: number; result: Promise<Readiness> };

export function readiness(now = Date.now()): Promise<Readiness> {
  const last = peekProcessSingleton<LastCheck>('readiness');
  if (last && now - last.at < REUSE_MS) return last.result;
  const result = check();
  setProcessSingleton<LastCheck>('readiness', { at: now, result });
  return result;
}

async function check(): Promise<Readiness> {
  const checkedAt = new Date().toISOString();
  try {
    const { db } = await store();
    await sql`SELECT 1`.execute(db);
    return { ready: true, code: null, checkedAt };
  } catch {
    return { ready: false, code: 'StoreUnavailable', checkedAt };
  }
}
