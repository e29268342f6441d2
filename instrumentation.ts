/**
 * Runs once when the server starts: refuses to serve with a broken sign-in configuration (above all,
 * no AUTH_SECRET outside demo mode), even when started with `next start` rather than `npm start`;
 * then opens the store and starts the background sync that keeps it matched to the upstream.
 */
export async function register(): Promise<void> {
  // A build may run where the secret is not (build in CI, deploy elsewhere); only serving needs it.
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== 'phase-production-build') {
    const { enforceAuthStartup } = await import('./lib/auth-startup');
    enforceAuthStartup();
    const { startSyncs, stopSyncs } = await import('./lib/server/sync/sync-runtime');
    await startSyncs();
    // Let the store close cleanly (PGlite flushes its files; PostgreSQL releases the sync's lock).
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        void stopSyncs().finally(() => process.exit(0));
      });
    }
  }
}
