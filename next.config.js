import createNextIntlPlugin from 'next-intl/plugin';

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Lets several builds (a second checkout's tests, say) live side by side in one tree.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // forbidden() (lib/server/accounts/account-access.ts): a page of an account the user may not see answers 403.
  experimental: { authInterrupts: true },
  // A self-contained server (server.js plus only the node_modules it needs) for the Docker image,
  // which builds with NEXT_OUTPUT=standalone. `npm start` runs `next start` on the checkout, which
  // standalone output would make warn at every start.
  ...(process.env.NEXT_OUTPUT === 'standalone' ? { output: 'standalone' } : {}),
  // The Alibaba SDKs are large CommonJS packages that read files at run time: load them from
  // node_modules on the server instead of bundling, and never let them near a client bundle.
  serverExternalPackages: [
    '@alicloud/cdn20180510',
    '@alicloud/openapi-core',
    '@alicloud/credentials',
    '@darabonba/typescript',
    // Loaded from node_modules too: a connection pool and a metrics registry are process singletons.
    'ioredis',
    'prom-client',
    // The store: PGlite loads its WebAssembly and data files from its own package folder.
    '@electric-sql/pglite',
    'pg',
    'kysely',
  ],
  // Headers every answer carries, static files included. The proxy (proxy.ts) adds the per-request
  // Content-Security-Policy with its nonce, and HSTS over HTTPS, to pages and API answers.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          // An internal dashboard: nothing it serves belongs in a search index (public/robots.txt too).
          { key: 'X-Robots-Tag', value: 'noindex, nofollow' },
        ],
      },
    ];
  },
  turbopack: {
    resolveAlias: {
      // lib/filters.ts reads nuqs/server, the entry without 'use client' that server code can import.
      // In the browser nuqs itself is already there with the same parsers: aliasing spares the page
      // a second copy of them (about 2 KiB gzip of its first load).
      'nuqs/server': { browser: 'nuqs' },
    },
  },
  typescript: {
    // `npm test` type-checks the whole project (tests, emulator, scripts); `npm start` should not
    // spend a minute doing it again, nor refuse to start over a test file's types.
    ignoreBuildErrors: true,
  },
};

// next-intl without i18n routing (lib/i18n/request.ts chooses the language per request). The catalogs
// are compiled at build time, so the browser gets next-intl's format-only runtime instead of an ICU
// parser: about 3 KiB gzip on the first load instead of 12 (docs/i18n.md). An ICU mistake in a catalog
// fails the build; lib/i18n/catalogs.test.ts finds it sooner.
const withNextIntl = createNextIntlPlugin({
  requestConfig: './lib/i18n/request.ts',
  experimental: {
    messages: { path: './messages', format: 'json', locales: 'infer', precompile: true },
  },
});

export default withNextIntl(nextConfig);
