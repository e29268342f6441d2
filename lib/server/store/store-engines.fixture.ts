/**
 * The engines every store test runs on: PGlite in memory always, and a throwaway PostgreSQL server
 * (testing/postgres-server.ts) started for the test file.
 */
import 'server-only';
import { startPostgres } from '@/testing/postgres-server';
import type { StoreSettings } from './settings';

export interface StoreEngine {
  name: string;
  settings(): Promise<StoreSettings>;
  stop(): Promise<void>;
}

export function storeEngines(): StoreEngine[] {
  let server: Awaited<ReturnType<typeof startPostgres>> | null = null;
  return [
    {
      name: 'PGlite',
      settings: async () => ({ databaseUrl: null, dataDir: 'memory://', historyDays: 30 }),
      stop: async () => undefined,
    },
    {
      name: 'PostgreSQL',
      // One server per test file: a second store opened by the same test shares it.
      settings: async () => {
        server ??= await startPostgres();
        return { databaseUrl: server.url, dataDir: 'memory://', historyDays: 30 };
      },
      stop: async () => {
        await server?.stop();
      },
    },
  ];
}
