import 'server-only';
import type { Client } from 'pg';
import { logger } from '../logger';
import type { Store } from '../store/database';

/**
 * Which instance syncs an account. On PGlite the store belongs to this one process, so it always
 * does. On PostgreSQL, several instances share the store and exactly one may sync: the one holding a
 * session-level advisory lock on its own connection. The server releases the lock when that
 * connection ends, so when the syncing instance dies another one takes over at its next try.
 */
export interface Leadership {
  /** Holds (or takes, if free) the right to sync; false when another instance has it. */
  claim(): Promise<boolean>;
  release(): Promise<void>;
}

export function leadershipFor(store: Store, accountId: string): Leadership {
  if (store.engine === 'pglite' || !store.databaseUrl)
    return { claim: async () => true, release: async () => undefined };
  return new AdvisoryLockLeadership(store.databaseUrl, `cdn-refresh-monitor:sync:${accountId}`);
}

class AdvisoryLockLeadership implements Leadership {
  private client: Client | null = null;
  private held = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly lockName: string,
  ) {}

  async claim(): Promise<boolean> {
    try {
      const client = await this.connection();
      if (this.held) {
        // Still ours only while the connection lives: prove it.
        await client.query('SELECT 1');
        return true;
      }
      const result = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked',
        [this.lockName],
      );
      this.held = result.rows[0]?.locked === true;
      return this.held;
    } catch (error) {
      logger().warn(
        { err: error instanceof Error ? error.message : String(error) },
        'sync leadership check failed',
      );
      await this.drop();
      return false;
    }
  }

  async release(): Promise<void> {
    await this.drop();
  }

  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    const { Client } = await import('pg');
    const client = new Client({ connectionString: this.databaseUrl, keepAlive: true });
    client.on('error', () => {
      this.held = false;
      this.client = null;
    });
    await client.connect();
    this.client = client;
    return client;
  }

  private async drop(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.held = false;
    // Closing the session releases the lock on the server side.
    await client?.end().catch(() => undefined);
  }
}
