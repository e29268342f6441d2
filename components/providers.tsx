'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { NuqsAdapter } from 'nuqs/adapters/next/app';
import { type ReactNode, useState } from 'react';
import { ApiError } from '@/lib/api-client';

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // Our own 4xx answers will not change on retry; upstream trouble (5xx) may.
        retry: (failureCount, error) =>
          failureCount < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
    },
  });
}

let browserQueryClient: QueryClient | undefined;

/**
 * On the server one client per render (never shared between users); in the browser one for the
 * tab: each page brings its own provider (none in the root layout, so a page whose code comes after
 * its first load, as the task explorer's does, does not carry react-query and nuqs in that load),
 * and a client navigation from one to another keeps the cache.
 */
function queryClientHere(): QueryClient {
  if (typeof window === 'undefined') return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

/** react-query and nuqs for the pages that use them: the task explorer and triage. */
export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(queryClientHere);
  return (
    <QueryClientProvider client={queryClient}>
      <NuqsAdapter>{children}</NuqsAdapter>
    </QueryClientProvider>
  );
}
