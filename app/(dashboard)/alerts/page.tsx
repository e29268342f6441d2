import type { Metadata } from 'next';
import { AlertsOverview } from '@/components/alerts/alerts-overview';
import { DEFAULT_ACCOUNT_ID } from '@/lib/server/accounts';
import { alertsView } from '@/lib/server/alerts/alerts-view';
import { alertSettings } from '@/lib/server/alerts/settings';
import { requirePageUser } from '@/lib/server/auth/page-user';
import { store } from '@/lib/server/store/database';

export const metadata: Metadata = { title: 'Alerts' };
// Read from the store on every visit: alerts change while the page is away.
export const dynamic = 'force-dynamic';

/**
 * /alerts — alerts firing and past with their groups and triage links, the channels (host only) and
 * the rules; operators may send a test message to each channel.
 */
export default async function AlertsPage() {
  // Before any data is read: the layout's check does not run on client navigations.
  const user = await requirePageUser('/alerts');
  const view = await alertsView(await store(), DEFAULT_ACCOUNT_ID, alertSettings());
  return <AlertsOverview view={view} canTest={user.role === 'operator'} />;
}
