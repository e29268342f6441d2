import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { Providers } from '@/components/providers';
import { TriageView } from '@/components/triage/triage-view';
import { requirePageAccount } from '@/lib/server/accounts/account-access';
import { requirePageUser } from '@/lib/server/auth/page-user';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('TriagePage');
  return { title: t('title') };
}

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * /triage — shareable like every view: its account and time range live in the URL (`acct`, `from`,
 * `to`, `tz`); `acct=all` groups every account the user may see.
 */
export default async function TriagePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const user = await requirePageUser('/triage', params);
  // `acct=all`: every account the user may see (the API answers only those); else one, checked.
  if (params.acct !== 'all') requirePageAccount(user, params.acct);
  return (
    <Providers>
      <Suspense>
        <TriageView canResubmit={user.role === 'operator'} />
      </Suspense>
    </Providers>
  );
}
