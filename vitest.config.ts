import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./', import.meta.url)),
      // `server-only` throws outside a React Server environment; unit tests run server code in plain Node.
      'server-only': fileURLToPath(new URL('./testing/server-only-stub.ts', import.meta.url)),
    },
  },
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    // `.next*/`: every build directory (NEXT_DIST_DIR), whose dev output links server packages such as pino.
    exclude: ['**/node_modules/**', '.next*/**', 'e2e/**'],
    environment: 'node',
    // Three files at a time even on two cores: the slow files mostly wait (a sync round, an alert
    // evaluation, a back-off), and a third worker fills that wait (docs/testing.md, "Unit tests").
    maxWorkers: 3,
    testTimeout: 20_000,
  },
});
