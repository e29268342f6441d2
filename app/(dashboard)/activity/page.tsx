import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ActivityList } from '@/components/activity/activity-list';
import { activityWindow, readActivityFilter } from '@/lib/server/activity/activity-filter';
import { activityActors, readActivity } from '@/lib/server/activity/activity-store';
import { requirePageView } from '@/lib/server/page-view';
import { store } from '@/lib/server/store/database';
import { historyStart } from '@/lib/server/store/history';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('ActivityPage');
  return { title: t('title') };
}
// Read on every visit: submissions are made, and their tasks end, while the page is away.
export const dynamic = 'force-dynamic';

type SearchParams = Record<string, string | string[] | undefined>;

/** How many entries one page shows: the newest, within the filter. */
const LIMIT = 200;

/**
 * /activity — every submission made through the dashboard for the account (new refreshes, from a page
 * or a token, and resubmissions): who, when, what, the upstream's answer and how its tasks ended;
 * filtered by user, domain and days; kept as long as the tasks (HISTORY_DAYS).
 */
export default async function ActivityPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const { account } = await requirePageView('/activity', params);
  const { filter, invalid } = readActivityFilter(params);
  const window = activityWindow(filter);
  const oldest = new Date(historyStart(Date.now()));
  const from = window.from && window.from > oldest ? window.from : oldest;
  const { db } = await store();
  const [entries, actors] = await Promise.all([
    readActivity(db, {
      accountId: account.id,
      from,
      to: window.to,
      actor: filter.user ?? null,
      domain: filter.domain ?? null,
      limit: LIMIT,
    }),
    activityActors(db, account.id, oldest),
  ]);
  return (
    <ActivityList
      entries={entries}
      actors={actors}
      filter={filter}
      invalid={invalid}
      acct={typeof params.acct === 'string' ? params.acct : null}
      limit={LIMIT}
    />
  );
}
