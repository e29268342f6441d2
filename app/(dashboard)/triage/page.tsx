import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Providers } from '@/components/providers';
import { TriageView } from '@/components/triage/triage-view';
import { requirePageUser } from '@/lib/server/auth/page-user';

export const metadata: Metadata = { title: 'Origin Timeout triage' };

type SearchParams = Record<string, string | string[] | undefined>;

/** /triage — shareable like every view: its time range lives in the URL (`from`, `to`, `tz`). */
export default async function TriagePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser('/triage', await searchParams);
  return (
    <Providers>
      <Suspense>
        <TriageView canResubmit={user.role === 'operator'} />
      </Suspense>
    </Providers>
  );
}
