import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AlertsOverview } from '@/components/alerts/alerts-overview';
import { alertsView } from '@/lib/server/alerts/alerts-view';
import { alertSettings } from '@/lib/server/alerts/settings';
import { requirePageView } from '@/lib/server/page-view';
import { store } from '@/lib/server/store/database';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('AlertsPage');
  return { title: t('title') };
}
// Read from the store on every visit: alerts change while the page is away.
export const dynamic = 'force-dynamic';

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * /alerts — alerts firing and past with their groups and triage links, the channels (host only) and
 * the rules; operators may send a test message to each channel.
 */
export default async function AlertsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  // The account's alerts only; another account's (or one unknown) answers 403.
  const { user, account } = await requirePageView('/alerts', params);
  const view = await alertsView(await store(), account.id, alertSettings());
  return <AlertsOverview view={view} canTest={user.role === 'operator'} />;
}
