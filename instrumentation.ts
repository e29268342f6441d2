/**
 * Runs once when the server starts, before it handles a request: installs the request boundary
 * (forwarded headers believed only from TRUSTED_PROXIES, the client's address stamped from the
 * socket), then refuses to serve with a broken configuration (no AUTH_SECRET or NEXTAUTH_URL in live
 * mode, demo mode where it is not meant), even when started with `next start` or the standalone
 * server rather than `npm start`. Demo mode is announced with a banner. Then it opens the store and
 * starts the background sync that keeps it matched to the upstream.
 */
export async function register(): Promise<void> {
  // A build may run where the secret is not (build in CI, deploy elsewhere); only serving needs it.
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== 'phase-production-build') {
    const { parseTrustedProxies, NO_PROXY_TRUST } = await import('./lib/node/forwarded');
    const { installRequestBoundary } = await import('./lib/node/request-boundary');
    const proxies = parseTrustedProxies(process.env.TRUSTED_PROXIES);
    // A bad setting stops start-up just below; until then, trust nobody.
    installRequestBoundary(proxies.ok ? proxies.trust : NO_PROXY_TRUST);
    const { enforceAuthStartup } = await import('./lib/node/auth-startup');
    await enforceAuthStartup();
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
